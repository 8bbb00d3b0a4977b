-- Sanction fact. Runs alone before the rest of wave 5, which summarises it.
-- A reason code missing from the dictionary is kept, described as 'UNKNOWN'.
CREATE TABLE IF NOT EXISTS ${hivevar:model_database}.sanction_fact (
  sanction_id STRING,
  claimant_id STRING,
  site_id STRING,
  agent_id STRING,
  reason_code STRING,
  reason_description STRING,
  severity STRING,
  decision_date DATE,
  amount DECIMAL(10,2)
)
STORED AS ORC;
INSERT OVERWRITE TABLE ${hivevar:model_database}.sanction_fact
SELECT s.sanction_id, s.claimant_id, c.site_id, s.agent_id, s.reason_code,
       coalesce(r.description, 'UNKNOWN'), coalesce(r.severity, 'UNKNOWN'), s.decision_date, s.amount
FROM ${hivevar:transform_database}.sanction s
JOIN ${hivevar:model_database}.claimant_dim c ON c.claimant_id = s.claimant_id
LEFT JOIN ${hivevar:transform_database}.reference_data r ON r.domain = 'sanction_reason' AND r.code = s.reason_code;
