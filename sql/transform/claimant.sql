-- Typed claimants.
DROP TABLE IF EXISTS uc_pdm_transform.claimant;
CREATE TABLE uc_pdm_transform.claimant STORED AS ORC AS
SELECT claimantId AS claimant_id, concat_ws(' ', firstName, lastName) AS claimant_name,
       CAST(dateOfBirth AS DATE) AS date_of_birth, siteId AS site_id, CAST(registeredDate AS DATE) AS registered_date
FROM uc_pdm_source.claimant
WHERE claimantId IS NOT NULL;
