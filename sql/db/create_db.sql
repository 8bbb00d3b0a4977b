-- Databases of the PDM data product. The AUDIT database (DynamoDB-backed state table) is created by the
-- cluster-only step create-hive-dynamo-table, not here, so this file also runs on a laptop.
CREATE DATABASE IF NOT EXISTS uc_pdm_source COMMENT 'PDM: external tables over the exported JSON';
CREATE DATABASE IF NOT EXISTS uc_pdm_transform COMMENT 'PDM: cleaned, typed copies of the source tables';
CREATE DATABASE IF NOT EXISTS uc_pdm_model COMMENT 'PDM: dimensions and facts';
CREATE DATABASE IF NOT EXISTS uc_pdm_transactional COMMENT 'PDM: tables kept between runs';
CREATE DATABASE IF NOT EXISTS uc_views_tables COMMENT 'PDM: the views that create-views-tables materialises';
CREATE DATABASE IF NOT EXISTS uc COMMENT 'PDM: the published tables';
