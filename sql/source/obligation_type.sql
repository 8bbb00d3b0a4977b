-- Dictionary: youth obligation types (common-model-inputs).
-- External table over the exported JSON lines; the location changes with every run's S3 prefix, so the table is
-- recreated rather than kept (CREATE ... IF NOT EXISTS would keep the previous run's location).
DROP TABLE IF EXISTS ${hivevar:source_database}.obligation_type;
CREATE EXTERNAL TABLE ${hivevar:source_database}.obligation_type (
  code STRING,
  description STRING
)
ROW FORMAT SERDE '${hivevar:serde}'
STORED AS TEXTFILE
LOCATION '${hivevar:dictionary_path}/obligation_type';
