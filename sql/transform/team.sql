-- Typed teams.
DROP TABLE IF EXISTS ${hivevar:transform_database}.team;
CREATE TABLE ${hivevar:transform_database}.team STORED AS ORC AS
SELECT teamId AS team_id, trim(teamName) AS team_name, siteId AS site_id
FROM ${hivevar:source_database}.team
WHERE teamId IS NOT NULL;
