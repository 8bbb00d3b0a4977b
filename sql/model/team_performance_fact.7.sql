-- Attendance per team; needs agent_dim (wave 2) and appointment_fact (wave 3).
DROP TABLE IF EXISTS ${hivevar:model_database}.team_performance_fact;
CREATE TABLE ${hivevar:model_database}.team_performance_fact STORED AS ORC AS
SELECT g.team_id, g.team_name, g.site_id,
       count(a.appointment_id) AS appointments,
       sum(CASE WHEN a.attended THEN 1 ELSE 0 END) AS attended
FROM ${hivevar:model_database}.agent_dim g
LEFT JOIN ${hivevar:model_database}.appointment_fact a ON a.agent_id = g.agent_id
GROUP BY g.team_id, g.team_name, g.site_id;
