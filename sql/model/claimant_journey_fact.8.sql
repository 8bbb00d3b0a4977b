-- A claimant's stage in their journey; needs claimant_activity_fact (wave 7) and contract_dim (wave 2).
DROP TABLE IF EXISTS ${hivevar:model_database}.claimant_journey_fact;
CREATE TABLE ${hivevar:model_database}.claimant_journey_fact STORED AS ORC AS
SELECT a.claimant_id, a.claimant_name,
       CASE
         WHEN k.contract_id IS NULL THEN 'NO_COMMITMENT'
         WHEN a.sanctions > 0 THEN 'SANCTIONED'
         WHEN a.open_to_dos > 0 THEN 'ACTIONS_OPEN'
         ELSE 'ON_TRACK'
       END AS journey_stage,
       k.contract_type
FROM ${hivevar:model_database}.claimant_activity_fact a
LEFT JOIN ${hivevar:model_database}.contract_dim k ON k.claimant_id = a.claimant_id;
