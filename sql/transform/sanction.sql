-- Sanctions with the amount as a decimal.
DROP TABLE IF EXISTS uc_pdm_transform.sanction;
CREATE TABLE uc_pdm_transform.sanction STORED AS ORC AS
SELECT sanctionId AS sanction_id, claimantId AS claimant_id, reasonCode AS reason_code,
       CAST(decisionDate AS DATE) AS decision_date, CAST(amount AS DECIMAL(10,2)) AS amount, agentId AS agent_id
FROM uc_pdm_source.sanction
WHERE sanctionId IS NOT NULL;
