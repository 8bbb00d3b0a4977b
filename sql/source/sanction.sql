-- Sanction decisions; amount arrives as a string.
-- External table over the exported JSON lines; the location changes with every run's S3 prefix, so the table is
-- recreated rather than kept (CREATE ... IF NOT EXISTS would keep the previous run's location).
DROP TABLE IF EXISTS ${hivevar:source_database}.sanction;
CREATE EXTERNAL TABLE ${hivevar:source_database}.sanction (
  sanctionId STRING,
  claimantId STRING,
  reasonCode STRING,
  decisionDate STRING,
  amount STRING,
  agentId STRING
)
ROW FORMAT SERDE '${hivevar:serde}'
STORED AS TEXTFILE
LOCATION '${hivevar:data_path}/sanction';
