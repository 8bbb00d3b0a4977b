-- Row counts of the model, last: a quick sanity table for operators.
DROP TABLE IF EXISTS uc_pdm_model.model_row_counts;
CREATE TABLE uc_pdm_model.model_row_counts STORED AS ORC AS
SELECT 'site_dim' AS table_name, count(*) AS row_count FROM uc_pdm_model.site_dim
UNION ALL SELECT 'claimant_dim', count(*) FROM uc_pdm_model.claimant_dim
UNION ALL SELECT 'appointment_fact', count(*) FROM uc_pdm_model.appointment_fact
UNION ALL SELECT 'sanction_fact', count(*) FROM uc_pdm_model.sanction_fact
UNION ALL SELECT 'youth_obligation_details_fact', count(*) FROM uc_pdm_model.youth_obligation_details_fact
UNION ALL SELECT 'claimant_journey_fact', count(*) FROM uc_pdm_model.claimant_journey_fact;
