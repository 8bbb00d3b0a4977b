-- Appointment fact; needs claimant_dim (wave 1) and agent_dim (wave 2).
CREATE TABLE IF NOT EXISTS uc_pdm_model.appointment_fact (
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
INSERT OVERWRITE TABLE uc_pdm_model.appointment_fact
SELECT a.appointment_id, a.claimant_id, a.agent_id, g.team_id, c.site_id, a.appointment_date, a.status,
       a.status = 'ATTENDED', a.duration_minutes
FROM uc_pdm_transform.appointment a
JOIN uc_pdm_model.claimant_dim c ON c.claimant_id = a.claimant_id
LEFT JOIN uc_pdm_model.agent_dim g ON g.agent_id = a.agent_id;
