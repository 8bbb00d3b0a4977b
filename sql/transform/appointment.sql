-- Appointments with status normalised to upper case; a non-numeric duration becomes NULL (Hive cast).
DROP TABLE IF EXISTS uc_pdm_transform.appointment;
CREATE TABLE uc_pdm_transform.appointment STORED AS ORC AS
SELECT appointmentId AS appointment_id, claimantId AS claimant_id, agentId AS agent_id,
       CAST(appointmentDate AS DATE) AS appointment_date, upper(status) AS status,
       CAST(durationMinutes AS INT) AS duration_minutes
FROM uc_pdm_source.appointment
WHERE appointmentId IS NOT NULL;
