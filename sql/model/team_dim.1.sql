-- Team dimension, denormalised with its site.
DROP TABLE IF EXISTS uc_pdm_model.team_dim;
CREATE TABLE uc_pdm_model.team_dim STORED AS ORC AS
SELECT t.team_id, t.team_name, s.site_id, s.site_name, s.region
FROM uc_pdm_transform.team t
JOIN uc_pdm_model.site_dim s ON s.site_id = t.site_id;
