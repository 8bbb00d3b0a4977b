-- Agent dimension; needs team_dim from wave 1.
DROP TABLE IF EXISTS uc_pdm_model.agent_dim;
CREATE TABLE uc_pdm_model.agent_dim STORED AS ORC AS
SELECT a.agent_id, a.agent_name, t.team_id, t.team_name, t.site_id, t.site_name, a.start_date
FROM uc_pdm_transform.agent a
LEFT JOIN uc_pdm_model.team_dim t ON t.team_id = a.team_id;
