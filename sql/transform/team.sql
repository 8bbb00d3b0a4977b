-- Typed teams.
DROP TABLE IF EXISTS uc_pdm_transform.team;
CREATE TABLE uc_pdm_transform.team STORED AS ORC AS
SELECT teamId AS team_id, trim(teamName) AS team_name, siteId AS site_id
FROM uc_pdm_source.team
WHERE teamId IS NOT NULL;
