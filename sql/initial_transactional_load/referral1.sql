-- Seed of referral for a new environment.
INSERT OVERWRITE TABLE ${hivevar:transactional_database}.referral
SELECT referral_id, claimant_id, provision, CAST(referral_date AS DATE)
FROM (
  SELECT 'R1' AS referral_id, 'C1' AS claimant_id, 'TRAINING' AS provision, '2024-01-15' AS referral_date
  UNION ALL SELECT 'R2', 'C4', 'WORK_EXPERIENCE', '2024-02-12'
  UNION ALL SELECT 'R3', 'C1', 'WORK_EXPERIENCE', '2024-03-01'
) seed;
