-- Appointment fact; needs claimant_dim (wave 1) and agent_dim (wave 2).
CREATE TABLE IF NOT EXISTS ${hivevar:model_database}.appointment_fact (
  appointment_id STRING,
  claimant_id STRING,
  agent_id STRING,
  team_id STRING,
  site_id STRING,
  appointment_date DATE,
  status STRING,
  attended BOOLEAN,
  duration_minutes INT
)
STORED AS ORC;
INSERT OVERWRITE TABLE ${hivevar:model_database}.appointment_fact
SELECT a.appointment_id, a.claimant_id, a.agent_id, g.team_id, c.site_id, a.appointment_date, a.status,
       a.status = 'ATTENDED', a.duration_minutes
FROM ${hivevar:transform_database}.appointment a
JOIN ${hivevar:model_database}.claimant_dim c ON c.claimant_id = a.claimant_id
LEFT JOIN ${hivevar:model_database}.agent_dim g ON g.agent_id = a.agent_id;
