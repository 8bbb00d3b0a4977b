-- Site dimension. Runs alone before wave 1: every other dimension joins it.
DROP TABLE IF EXISTS ${hivevar:model_database}.site_dim;
CREATE TABLE ${hivevar:model_database}.site_dim STORED AS ORC AS
SELECT row_number() OVER (ORDER BY site_id) AS site_key, site_id, site_name, region, opened_date
FROM ${hivevar:transform_database}.site;
