-- Sanctions per severity; needs sanction_fact, which runs alone just before this wave.
DROP TABLE IF EXISTS uc_pdm_model.sanction_severity_summary;
CREATE TABLE uc_pdm_model.sanction_severity_summary STORED AS ORC AS
SELECT severity, count(*) AS sanctions, sum(amount) AS total_amount
FROM uc_pdm_model.sanction_fact
GROUP BY severity;
