-- Typed sites.
DROP TABLE IF EXISTS uc_pdm_transform.site;
CREATE TABLE uc_pdm_transform.site STORED AS ORC AS
SELECT siteId AS site_id, trim(siteName) AS site_name, region, CAST(openedDate AS DATE) AS opened_date
FROM uc_pdm_source.site
WHERE siteId IS NOT NULL;
