-- Referrals to provision (training, work experience), kept across runs.
CREATE TABLE IF NOT EXISTS ${hivevar:transactional_database}.referral (
  referral_id STRING,
  claimant_id STRING,
  provision STRING,
  referral_date DATE
)
STORED AS ORC;
