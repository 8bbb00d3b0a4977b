-- Contract dimension; needs claimant_dim from wave 1.
DROP TABLE IF EXISTS uc_pdm_model.contract_dim;
CREATE TABLE uc_pdm_model.contract_dim STORED AS ORC AS
SELECT k.contract_id, k.claimant_id, c.claimant_name, k.contract_type, k.start_date, k.end_date,
       k.end_date IS NULL AS is_open_ended
FROM uc_pdm_transform.contract k
JOIN uc_pdm_model.claimant_dim c ON c.claimant_id = k.claimant_id;
