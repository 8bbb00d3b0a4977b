-- Youth obligation details, array kept (the model explodes it).
DROP TABLE IF EXISTS ${hivevar:transform_database}.youth_obligation_details;
CREATE TABLE ${hivevar:transform_database}.youth_obligation_details STORED AS ORC AS
SELECT youthObligationDetailsId AS youth_obligation_details_id, claimantId AS claimant_id,
       CAST(startDate AS DATE) AS start_date, CAST(endDate AS DATE) AS end_date, status, createdBy AS created_by,
       obligations
FROM ${hivevar:source_database}.youth_obligation_details
WHERE youthObligationDetailsId IS NOT NULL;
