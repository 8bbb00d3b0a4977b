-- Typed agents, with a display name.
DROP TABLE IF EXISTS ${hivevar:transform_database}.agent;
CREATE TABLE ${hivevar:transform_database}.agent STORED AS ORC AS
SELECT agentId AS agent_id, concat_ws(' ', firstName, lastName) AS agent_name, teamId AS team_id,
       CAST(startDate AS DATE) AS start_date
FROM ${hivevar:source_database}.agent
WHERE agentId IS NOT NULL;
