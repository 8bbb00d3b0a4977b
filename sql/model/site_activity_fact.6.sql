-- Activity per site; needs appointment_fact (wave 3), to_do_fact (wave 4) and sanction_fact (wave 5).
DROP TABLE IF EXISTS ${hivevar:model_database}.site_activity_fact;
CREATE TABLE ${hivevar:model_database}.site_activity_fact STORED AS ORC AS
SELECT s.site_id, s.site_name,
       coalesce(a.appointments, 0) AS appointments,
       coalesce(t.open_to_dos, 0) AS open_to_dos,
       coalesce(x.sanctions, 0) AS sanctions
FROM ${hivevar:model_database}.site_dim s
LEFT JOIN (SELECT site_id, count(*) AS appointments FROM ${hivevar:model_database}.appointment_fact GROUP BY site_id) a
  ON a.site_id = s.site_id
LEFT JOIN (SELECT site_id, count(*) AS open_to_dos FROM ${hivevar:model_database}.to_do_fact WHERE NOT is_completed GROUP BY site_id) t
  ON t.site_id = s.site_id
LEFT JOIN (SELECT site_id, count(*) AS sanctions FROM ${hivevar:model_database}.sanction_fact GROUP BY site_id) x
  ON x.site_id = s.site_id;
