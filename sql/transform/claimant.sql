-- Typed claimants.
DROP TABLE IF EXISTS ${hivevar:transform_database}.claimant;
CREATE TABLE ${hivevar:transform_database}.claimant STORED AS ORC AS
SELECT claimantId AS claimant_id, concat_ws(' ', firstName, lastName) AS claimant_name,
       CAST(dateOfBirth AS DATE) AS date_of_birth, siteId AS site_id, CAST(registeredDate AS DATE) AS registered_date
FROM ${hivevar:source_database}.claimant
WHERE claimantId IS NOT NULL;
