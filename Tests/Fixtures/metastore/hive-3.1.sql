-- A Hive 3.1-shaped metastore, as initialised by Hive 3 schematool: every 3.0 and 3.1 marker, one VERSION row.
source parts/hive-2.3-schema.sql
source parts/hive-3.0-upgrade.sql
source parts/hive-3.1-upgrade.sql
source parts/databases.sql
INSERT INTO `VERSION` VALUES (1, '3.1.0', 'Hive release version 3.1.0');
