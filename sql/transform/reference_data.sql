-- Dictionaries in one lookup table: (domain, code) -> description.
DROP TABLE IF EXISTS uc_pdm_transform.reference_data;
CREATE TABLE uc_pdm_transform.reference_data STORED AS ORC AS
SELECT 'sanction_reason' AS domain, code, description, severity FROM uc_pdm_source.sanction_reason
UNION ALL
SELECT 'obligation_type' AS domain, code, description, CAST(NULL AS STRING) AS severity FROM uc_pdm_source.obligation_type;
