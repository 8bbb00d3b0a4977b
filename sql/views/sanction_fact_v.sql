-- Sanctions.
-- create-views-tables materialises this view as uc.sanction_fact_v and then drops it.
DROP VIEW IF EXISTS ${hivevar:views_database}.sanction_fact_v;
CREATE VIEW ${hivevar:views_database}.sanction_fact_v AS
SELECT sanction_id, claimant_id, site_id, agent_id, reason_code, reason_description, severity, decision_date, amount
FROM ${hivevar:model_database}.sanction_fact;
