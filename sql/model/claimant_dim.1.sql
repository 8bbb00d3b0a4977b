-- Claimant dimension; youth = 18 to 21 at registration (the Youth Offer).
DROP TABLE IF EXISTS uc_pdm_model.claimant_dim;
CREATE TABLE uc_pdm_model.claimant_dim STORED AS ORC AS
SELECT c.claimant_id, c.claimant_name, c.date_of_birth,
       CAST(floor(months_between(c.registered_date, c.date_of_birth) / 12) AS INT) AS age_at_registration,
       floor(months_between(c.registered_date, c.date_of_birth) / 12) BETWEEN 18 AND 21 AS is_youth,
       s.site_id, s.site_name, c.registered_date
FROM uc_pdm_transform.claimant c
LEFT JOIN uc_pdm_model.site_dim s ON s.site_id = c.site_id;
