-- Claimants.
-- External table over the exported JSON lines; the location changes with every run's S3 prefix, so the table is
-- recreated rather than kept (CREATE ... IF NOT EXISTS would keep the previous run's location).
DROP TABLE IF EXISTS ${hivevar:source_database}.claimant;
CREATE EXTERNAL TABLE ${hivevar:source_database}.claimant (
  claimantId STRING,
  firstName STRING,
  lastName STRING,
  dateOfBirth STRING,
  siteId STRING,
  registeredDate STRING
)
ROW FORMAT SERDE '${hivevar:serde}'
STORED AS TEXTFILE
LOCATION '${hivevar:data_path}/claimant';
