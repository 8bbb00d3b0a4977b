-- Agent dimension; needs team_dim from wave 1.
DROP TABLE IF EXISTS ${hivevar:model_database}.agent_dim;
CREATE TABLE ${hivevar:model_database}.agent_dim STORED AS ORC AS
SELECT a.agent_id, a.agent_name, t.team_id, t.team_name, t.site_id, t.site_name, a.start_date
FROM ${hivevar:transform_database}.agent a
LEFT JOIN ${hivevar:model_database}.team_dim t ON t.team_id = a.team_id;
