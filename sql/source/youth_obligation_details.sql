-- Youth obligation details: one line per agreement with an array of obligations.
-- External table over the exported JSON lines; the location changes with every run's S3 prefix, so the table is
-- recreated rather than kept (CREATE ... IF NOT EXISTS would keep the previous run's location).
DROP TABLE IF EXISTS ${hivevar:source_database}.youth_obligation_details;
CREATE EXTERNAL TABLE ${hivevar:source_database}.youth_obligation_details (
  youthObligationDetailsId STRING,
  claimantId STRING,
  startDate STRING,
  endDate STRING,
  status STRING,
  createdBy STRING,
  obligations ARRAY<STRUCT<obligationType:STRING, hoursPerWeek:STRING>>
)
ROW FORMAT SERDE '${hivevar:serde}'
STORED AS TEXTFILE
LOCATION '${hivevar:data_path}/youth_obligation_details';
