-- Seed of claimant_status_history for a new environment (initial_transactional_load = true).
INSERT OVERWRITE TABLE ${hivevar:transactional_database}.claimant_status_history
SELECT claimant_id, status, CAST(effective_date AS DATE), 'initial-load'
FROM (
  SELECT 'C1' AS claimant_id, 'REGISTERED' AS status, '2024-01-03' AS effective_date
  UNION ALL SELECT 'C1', 'YOUTH_OFFER', '2024-01-08'
  UNION ALL SELECT 'C2', 'REGISTERED', '2024-01-05'
  UNION ALL SELECT 'C3', 'REGISTERED', '2023-11-20'
  UNION ALL SELECT 'C4', 'REGISTERED', '2024-02-01'
  UNION ALL SELECT 'C5', 'REGISTERED', '2023-06-12'
  UNION ALL SELECT 'C5', 'CLOSED', '2024-06-19'
  UNION ALL SELECT 'C6', 'REGISTERED', '2024-03-18'
) seed;
