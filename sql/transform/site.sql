-- Typed sites.
DROP TABLE IF EXISTS ${hivevar:transform_database}.site;
CREATE TABLE ${hivevar:transform_database}.site STORED AS ORC AS
SELECT siteId AS site_id, trim(siteName) AS site_name, region, CAST(openedDate AS DATE) AS opened_date
FROM ${hivevar:source_database}.site
WHERE siteId IS NOT NULL;
