-- Everything known about a claimant's activity; needs waves 1, 4 and 5.
DROP TABLE IF EXISTS ${hivevar:model_database}.claimant_activity_fact;
CREATE TABLE ${hivevar:model_database}.claimant_activity_fact STORED AS ORC AS
SELECT c.claimant_id, c.claimant_name, c.site_id, c.is_youth,
       coalesce(o.appointments, 0) AS appointments,
       coalesce(o.attended, 0) AS attended,
       coalesce(t.open_to_dos, 0) AS open_to_dos,
       coalesce(s.sanctions, 0) AS sanctions,
       coalesce(s.total_amount, 0) AS sanctioned_amount
FROM ${hivevar:model_database}.claimant_dim c
LEFT JOIN ${hivevar:model_database}.appointment_outcome_fact o ON o.claimant_id = c.claimant_id
LEFT JOIN (SELECT claimant_id, count(*) AS open_to_dos FROM ${hivevar:model_database}.to_do_fact WHERE NOT is_completed GROUP BY claimant_id) t
  ON t.claimant_id = c.claimant_id
LEFT JOIN ${hivevar:model_database}.claimant_sanction_summary s ON s.claimant_id = c.claimant_id;
