-- Dictionaries in one lookup table: (domain, code) -> description.
DROP TABLE IF EXISTS ${hivevar:transform_database}.reference_data;
CREATE TABLE ${hivevar:transform_database}.reference_data STORED AS ORC AS
SELECT 'sanction_reason' AS domain, code, description, severity FROM ${hivevar:source_database}.sanction_reason
UNION ALL
SELECT 'obligation_type' AS domain, code, description, CAST(NULL AS STRING) AS severity FROM ${hivevar:source_database}.obligation_type;
