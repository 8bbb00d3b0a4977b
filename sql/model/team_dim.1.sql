-- Team dimension, denormalised with its site.
DROP TABLE IF EXISTS ${hivevar:model_database}.team_dim;
CREATE TABLE ${hivevar:model_database}.team_dim STORED AS ORC AS
SELECT t.team_id, t.team_name, s.site_id, s.site_name, s.region
FROM ${hivevar:transform_database}.team t
JOIN ${hivevar:model_database}.site_dim s ON s.site_id = t.site_id;
