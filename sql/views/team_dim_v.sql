-- Teams with attendance.
-- create-views-tables materialises this view as uc.team_dim_v and then drops it.
DROP VIEW IF EXISTS ${hivevar:views_database}.team_dim_v;
CREATE VIEW ${hivevar:views_database}.team_dim_v AS
SELECT t.team_id, t.team_name, t.site_id, t.site_name, p.appointments, p.attended
FROM ${hivevar:model_database}.team_dim t
LEFT JOIN ${hivevar:model_database}.team_performance_fact p ON p.team_id = t.team_id;
