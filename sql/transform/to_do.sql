-- To-do items; completed_date NULL means still open.
DROP TABLE IF EXISTS ${hivevar:transform_database}.to_do;
CREATE TABLE ${hivevar:transform_database}.to_do STORED AS ORC AS
SELECT toDoId AS to_do_id, claimantId AS claimant_id, agentId AS agent_id, description,
       CAST(dueDate AS DATE) AS due_date, CAST(completedDate AS DATE) AS completed_date
FROM ${hivevar:source_database}.to_do
WHERE toDoId IS NOT NULL;
