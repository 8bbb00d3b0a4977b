-- To-do items; completed_date NULL means still open.
DROP TABLE IF EXISTS uc_pdm_transform.to_do;
CREATE TABLE uc_pdm_transform.to_do STORED AS ORC AS
SELECT toDoId AS to_do_id, claimantId AS claimant_id, agentId AS agent_id, description,
       CAST(dueDate AS DATE) AS due_date, CAST(completedDate AS DATE) AS completed_date
FROM uc_pdm_source.to_do
WHERE toDoId IS NOT NULL;
