-- Appointments with status normalised to upper case; a non-numeric duration becomes NULL (Hive cast).
DROP TABLE IF EXISTS ${hivevar:transform_database}.appointment;
CREATE TABLE ${hivevar:transform_database}.appointment STORED AS ORC AS
SELECT appointmentId AS appointment_id, claimantId AS claimant_id, agentId AS agent_id,
       CAST(appointmentDate AS DATE) AS appointment_date, upper(status) AS status,
       CAST(durationMinutes AS INT) AS duration_minutes
FROM ${hivevar:source_database}.appointment
WHERE appointmentId IS NOT NULL;
