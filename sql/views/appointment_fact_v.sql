-- Appointments.
-- create-views-tables materialises this view as uc.appointment_fact_v and then drops it.
DROP VIEW IF EXISTS ${hivevar:views_database}.appointment_fact_v;
CREATE VIEW ${hivevar:views_database}.appointment_fact_v AS
SELECT appointment_id, claimant_id, agent_id, team_id, site_id, appointment_date, status, attended, duration_minutes
FROM ${hivevar:model_database}.appointment_fact;
