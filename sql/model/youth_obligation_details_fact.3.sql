-- One row per obligation of a youth obligation agreement: the obligations array is exploded; an agreement with
-- no obligations keeps one row with NULL obligation columns (LATERAL VIEW OUTER).
CREATE TABLE IF NOT EXISTS ${hivevar:model_database}.youth_obligation_details_fact (
  youth_obligation_details_id STRING,
  claimant_id STRING,
  claimant_name STRING,
  site_id STRING,
  site_name STRING,
  start_date DATE,
  end_date DATE,
  status STRING,
  obligation_seq INT,
  obligation_type STRING,
  hours_per_week INT,
  duration_days INT,
  created_by STRING
)
STORED AS ORC;
INSERT OVERWRITE TABLE ${hivevar:model_database}.youth_obligation_details_fact
SELECT y.youth_obligation_details_id, y.claimant_id, c.claimant_name, c.site_id, c.site_name,
       y.start_date, y.end_date, y.status, y.obligation_seq, y.obligation_type, y.hours_per_week,
       datediff(y.end_date, y.start_date), y.created_by
FROM (
  -- Hive allows LATERAL VIEW only on a FROM source, not after a JOIN: explode first, join outside.
  SELECT d.youth_obligation_details_id, d.claimant_id, d.start_date, d.end_date, d.status, d.created_by,
         CAST(o.pos + 1 AS INT) AS obligation_seq, o.obligation.obligationType AS obligation_type,
         CAST(o.obligation.hoursPerWeek AS INT) AS hours_per_week
  FROM ${hivevar:transform_database}.youth_obligation_details d
  LATERAL VIEW OUTER posexplode(d.obligations) o AS pos, obligation
) y
LEFT JOIN ${hivevar:model_database}.claimant_dim c ON c.claimant_id = y.claimant_id;
