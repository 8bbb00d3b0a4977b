-- Latest status per claimant, rebuilt by initial_transactional_load from claimant_status_history.
CREATE TABLE IF NOT EXISTS ${hivevar:transactional_database}.claimant_latest_status (
  claimant_id STRING,
  status STRING,
  effective_date DATE
)
STORED AS ORC;
