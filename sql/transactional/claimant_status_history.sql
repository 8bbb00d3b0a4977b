-- Status changes of claimants, kept across runs (the first run seeds it in initial_transactional_load).
CREATE TABLE IF NOT EXISTS ${hivevar:transactional_database}.claimant_status_history (
  claimant_id STRING,
  status STRING,
  effective_date DATE,
  source_system STRING
)
STORED AS ORC;
