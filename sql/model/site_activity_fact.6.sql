-- Activity per site; needs appointment_fact (wave 3), to_do_fact (wave 4) and sanction_fact (wave 5).
DROP TABLE IF EXISTS uc_pdm_model.site_activity_fact;
CREATE TABLE uc_pdm_model.site_activity_fact STORED AS ORC AS
SELECT s.site_id, s.site_name,
       coalesce(a.appointments, 0) AS appointments,
       coalesce(t.open_to_dos, 0) AS open_to_dos,
       coalesce(x.sanctions, 0) AS sanctions
FROM uc_pdm_model.site_dim s
LEFT JOIN (SELECT site_id, count(*) AS appointments FROM uc_pdm_model.appointment_fact GROUP BY site_id) a
  ON a.site_id = s.site_id
LEFT JOIN (SELECT site_id, count(*) AS open_to_dos FROM uc_pdm_model.to_do_fact WHERE NOT is_completed GROUP BY site_id) t
  ON t.site_id = s.site_id
LEFT JOIN (SELECT site_id, count(*) AS sanctions FROM uc_pdm_model.sanction_fact GROUP BY site_id) x
  ON x.site_id = s.site_id;
