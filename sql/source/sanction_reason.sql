-- Dictionary: sanction reason codes (common-model-inputs).
-- External table over the exported JSON lines; the location changes with every run's S3 prefix, so the table is
-- recreated rather than kept (CREATE ... IF NOT EXISTS would keep the previous run's location).
DROP TABLE IF EXISTS ${hivevar:source_database}.sanction_reason;
CREATE EXTERNAL TABLE ${hivevar:source_database}.sanction_reason (
  code STRING,
  description STRING,
  severity STRING
)
ROW FORMAT SERDE '${hivevar:serde}'
STORED AS TEXTFILE
LOCATION '${hivevar:dictionary_path}/sanction_reason';
