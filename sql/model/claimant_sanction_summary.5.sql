-- Sanctions per claimant; needs sanction_fact, which runs alone just before this wave.
DROP TABLE IF EXISTS ${hivevar:model_database}.claimant_sanction_summary;
CREATE TABLE ${hivevar:model_database}.claimant_sanction_summary STORED AS ORC AS
SELECT claimant_id, count(*) AS sanctions, sum(amount) AS total_amount, max(decision_date) AS last_decision_date
FROM ${hivevar:model_database}.sanction_fact
GROUP BY claimant_id;
