-- Second phase: needs claimant_status_history from the *1.sql phase.
INSERT OVERWRITE TABLE ${hivevar:transactional_database}.claimant_latest_status
SELECT claimant_id, status, effective_date
FROM (
  SELECT claimant_id, status, effective_date,
         row_number() OVER (PARTITION BY claimant_id ORDER BY effective_date DESC) AS rn
  FROM ${hivevar:transactional_database}.claimant_status_history
) ranked
WHERE rn = 1;
