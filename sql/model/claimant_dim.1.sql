-- Claimant dimension; youth = 18 to 21 at registration (the Youth Offer).
DROP TABLE IF EXISTS ${hivevar:model_database}.claimant_dim;
CREATE TABLE ${hivevar:model_database}.claimant_dim STORED AS ORC AS
SELECT c.claimant_id, c.claimant_name, c.date_of_birth,
       CAST(floor(months_between(c.registered_date, c.date_of_birth) / 12) AS INT) AS age_at_registration,
       floor(months_between(c.registered_date, c.date_of_birth) / 12) BETWEEN 18 AND 21 AS is_youth,
       s.site_id, s.site_name, c.registered_date
FROM ${hivevar:transform_database}.claimant c
LEFT JOIN ${hivevar:model_database}.site_dim s ON s.site_id = c.site_id;
