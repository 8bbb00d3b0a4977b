-- Youth obligations, one row per obligation: 13 columns.
-- create-views-tables materialises this view as uc.youth_obligation_details_fact_v and then drops it.
DROP VIEW IF EXISTS ${hivevar:views_database}.youth_obligation_details_fact_v;
CREATE VIEW ${hivevar:views_database}.youth_obligation_details_fact_v AS
SELECT youth_obligation_details_id, claimant_id, claimant_name, site_id, site_name, start_date, end_date, status,
       obligation_seq, obligation_type, hours_per_week, duration_days, created_by
FROM ${hivevar:model_database}.youth_obligation_details_fact;
