-- Databases of the PDM data product. The AUDIT database (DynamoDB-backed state table) is created by the
-- cluster-only step create-hive-dynamo-table, not here, so this file also runs on a laptop.
CREATE DATABASE IF NOT EXISTS ${hivevar:source_database} COMMENT 'PDM: external tables over the exported JSON';
CREATE DATABASE IF NOT EXISTS ${hivevar:transform_database} COMMENT 'PDM: cleaned, typed copies of the source tables';
CREATE DATABASE IF NOT EXISTS ${hivevar:model_database} COMMENT 'PDM: dimensions and facts';
CREATE DATABASE IF NOT EXISTS ${hivevar:transactional_database} COMMENT 'PDM: tables kept between runs';
CREATE DATABASE IF NOT EXISTS ${hivevar:views_database} COMMENT 'PDM: the views that create-views-tables materialises';
CREATE DATABASE IF NOT EXISTS ${hivevar:views_tables_database} COMMENT 'PDM: the published tables';
