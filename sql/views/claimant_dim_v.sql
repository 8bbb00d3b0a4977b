-- Claimants with their latest status (kept in the transactional database) and journey stage.
-- create-views-tables materialises this view as uc.claimant_dim_v and then drops it.
DROP VIEW IF EXISTS ${hivevar:views_database}.claimant_dim_v;
CREATE VIEW ${hivevar:views_database}.claimant_dim_v AS
SELECT c.claimant_id, c.claimant_name, c.date_of_birth, c.age_at_registration, c.is_youth, c.site_id, c.site_name,
       c.registered_date, coalesce(l.status, 'UNKNOWN') AS latest_status, j.journey_stage
FROM ${hivevar:model_database}.claimant_dim c
LEFT JOIN ${hivevar:transactional_database}.claimant_latest_status l ON l.claimant_id = c.claimant_id
LEFT JOIN ${hivevar:model_database}.claimant_journey_fact j ON j.claimant_id = c.claimant_id;
