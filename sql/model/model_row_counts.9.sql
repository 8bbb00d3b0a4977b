-- Row counts of the model, last: a quick sanity table for operators.
DROP TABLE IF EXISTS ${hivevar:model_database}.model_row_counts;
CREATE TABLE ${hivevar:model_database}.model_row_counts STORED AS ORC AS
SELECT 'site_dim' AS table_name, count(*) AS row_count FROM ${hivevar:model_database}.site_dim
UNION ALL SELECT 'claimant_dim', count(*) FROM ${hivevar:model_database}.claimant_dim
UNION ALL SELECT 'appointment_fact', count(*) FROM ${hivevar:model_database}.appointment_fact
UNION ALL SELECT 'sanction_fact', count(*) FROM ${hivevar:model_database}.sanction_fact
UNION ALL SELECT 'youth_obligation_details_fact', count(*) FROM ${hivevar:model_database}.youth_obligation_details_fact
UNION ALL SELECT 'claimant_journey_fact', count(*) FROM ${hivevar:model_database}.claimant_journey_fact;
