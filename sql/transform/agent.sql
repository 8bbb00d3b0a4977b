-- Typed agents, with a display name.
DROP TABLE IF EXISTS uc_pdm_transform.agent;
CREATE TABLE uc_pdm_transform.agent STORED AS ORC AS
SELECT agentId AS agent_id, concat_ws(' ', firstName, lastName) AS agent_name, teamId AS team_id,
       CAST(startDate AS DATE) AS start_date
FROM uc_pdm_source.agent
WHERE agentId IS NOT NULL;
