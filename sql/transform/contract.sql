-- Typed contracts; an open-ended contract has a NULL end date.
DROP TABLE IF EXISTS uc_pdm_transform.contract;
CREATE TABLE uc_pdm_transform.contract STORED AS ORC AS
SELECT contractId AS contract_id, claimantId AS claimant_id, contractType AS contract_type,
       CAST(startDate AS DATE) AS start_date, CAST(endDate AS DATE) AS end_date
FROM uc_pdm_source.contract
WHERE contractId IS NOT NULL;
