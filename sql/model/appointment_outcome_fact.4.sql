-- Appointment outcomes per claimant; needs appointment_fact from wave 3.
DROP TABLE IF EXISTS ${hivevar:model_database}.appointment_outcome_fact;
CREATE TABLE ${hivevar:model_database}.appointment_outcome_fact STORED AS ORC AS
SELECT claimant_id,
       count(*) AS appointments,
       sum(CASE WHEN attended THEN 1 ELSE 0 END) AS attended,
       sum(CASE WHEN status = 'FAILED_TO_ATTEND' THEN 1 ELSE 0 END) AS failed_to_attend,
       max(appointment_date) AS last_appointment_date
FROM ${hivevar:model_database}.appointment_fact
GROUP BY claimant_id;
