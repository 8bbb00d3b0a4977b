WITH sites AS (SELECT DISTINCT site_id AS id FROM ${staging_database}.orders)
INSERT OVERWRITE TABLE ${model_database}.site_dim
SELECT id, concat('site-', id) FROM sites;
