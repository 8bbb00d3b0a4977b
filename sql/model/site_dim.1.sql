-- Site dimension. Runs alone before wave 1: every other dimension joins it.
DROP TABLE IF EXISTS uc_pdm_model.site_dim;
CREATE TABLE uc_pdm_model.site_dim STORED AS ORC AS
SELECT row_number() OVER (ORDER BY site_id) AS site_key, site_id, site_name, region, opened_date
FROM uc_pdm_transform.site;
