-- Sanctions with the amount as a decimal.
DROP TABLE IF EXISTS ${hivevar:transform_database}.sanction;
CREATE TABLE ${hivevar:transform_database}.sanction STORED AS ORC AS
SELECT sanctionId AS sanction_id, claimantId AS claimant_id, reasonCode AS reason_code,
       CAST(decisionDate AS DATE) AS decision_date, CAST(amount AS DECIMAL(10,2)) AS amount, agentId AS agent_id
FROM ${hivevar:source_database}.sanction
WHERE sanctionId IS NOT NULL;
