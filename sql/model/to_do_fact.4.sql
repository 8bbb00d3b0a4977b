-- To-do fact; needs claimant_dim (wave 1) and agent_dim (wave 2).
CREATE TABLE IF NOT EXISTS ${hivevar:model_database}.to_do_fact (
  to_do_id STRING,
  claimant_id STRING,
  agent_id STRING,
  site_id STRING,
  description STRING,
  due_date DATE,
  completed_date DATE,
  is_completed BOOLEAN,
  is_late BOOLEAN
)
STORED AS ORC;
INSERT OVERWRITE TABLE ${hivevar:model_database}.to_do_fact
SELECT t.to_do_id, t.claimant_id, t.agent_id, c.site_id, t.description, t.due_date, t.completed_date,
       t.completed_date IS NOT NULL, coalesce(t.completed_date > t.due_date, true)
FROM ${hivevar:transform_database}.to_do t
JOIN ${hivevar:model_database}.claimant_dim c ON c.claimant_id = t.claimant_id
LEFT JOIN ${hivevar:model_database}.agent_dim g ON g.agent_id = t.agent_id;
