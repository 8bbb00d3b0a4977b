-- Contract dimension; needs claimant_dim from wave 1.
DROP TABLE IF EXISTS ${hivevar:model_database}.contract_dim;
CREATE TABLE ${hivevar:model_database}.contract_dim STORED AS ORC AS
SELECT k.contract_id, k.claimant_id, c.claimant_name, k.contract_type, k.start_date, k.end_date,
       k.end_date IS NULL AS is_open_ended
FROM ${hivevar:transform_database}.contract k
JOIN ${hivevar:model_database}.claimant_dim c ON c.claimant_id = k.claimant_id;
