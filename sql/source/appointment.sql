-- Appointments; status arrives in mixed case, durationMinutes is sometimes not a number.
-- External table over the exported JSON lines; the location changes with every run's S3 prefix, so the table is
-- recreated rather than kept (CREATE ... IF NOT EXISTS would keep the previous run's location).
DROP TABLE IF EXISTS ${hivevar:source_database}.appointment;
CREATE EXTERNAL TABLE ${hivevar:source_database}.appointment (
  appointmentId STRING,
  claimantId STRING,
  agentId STRING,
  appointmentDate STRING,
  status STRING,
  durationMinutes STRING
)
ROW FORMAT SERDE '${hivevar:serde}'
STORED AS TEXTFILE
LOCATION '${hivevar:data_path}/appointment';
