-- Sanctions per severity; needs sanction_fact, which runs alone just before this wave.
DROP TABLE IF EXISTS ${hivevar:model_database}.sanction_severity_summary;
CREATE TABLE ${hivevar:model_database}.sanction_severity_summary STORED AS ORC AS
SELECT severity, count(*) AS sanctions, sum(amount) AS total_amount
FROM ${hivevar:model_database}.sanction_fact
GROUP BY severity;
