-- Typed contracts; an open-ended contract has a NULL end date.
DROP TABLE IF EXISTS ${hivevar:transform_database}.contract;
CREATE TABLE ${hivevar:transform_database}.contract STORED AS ORC AS
SELECT contractId AS contract_id, claimantId AS claimant_id, contractType AS contract_type,
       CAST(startDate AS DATE) AS start_date, CAST(endDate AS DATE) AS end_date
FROM ${hivevar:source_database}.contract
WHERE contractId IS NOT NULL;
