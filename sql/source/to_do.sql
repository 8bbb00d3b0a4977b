-- To-do items set by agents.
-- External table over the exported JSON lines; the location changes with every run's S3 prefix, so the table is
-- recreated rather than kept (CREATE ... IF NOT EXISTS would keep the previous run's location).
DROP TABLE IF EXISTS ${hivevar:source_database}.to_do;
CREATE EXTERNAL TABLE ${hivevar:source_database}.to_do (
  toDoId STRING,
  claimantId STRING,
  agentId STRING,
  description STRING,
  dueDate STRING,
  completedDate STRING
)
ROW FORMAT SERDE '${hivevar:serde}'
STORED AS TEXTFILE
LOCATION '${hivevar:data_path}/to_do';
