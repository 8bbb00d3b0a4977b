-- Sites with their activity counts.
-- create-views-tables materialises this view as uc.site_dim_v and then drops it.
DROP VIEW IF EXISTS ${hivevar:views_database}.site_dim_v;
CREATE VIEW ${hivevar:views_database}.site_dim_v AS
SELECT s.site_id, s.site_name, s.region, s.opened_date, a.appointments, a.open_to_dos, a.sanctions
FROM ${hivevar:model_database}.site_dim s
LEFT JOIN ${hivevar:model_database}.site_activity_fact a ON a.site_id = s.site_id;
