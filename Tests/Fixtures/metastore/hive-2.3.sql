-- A Hive 2.3 metastore that a Hive 3 cluster must not use.
source parts/hive-2.3-schema.sql
source parts/databases.sql
INSERT INTO `VERSION` VALUES (1, '2.3.0', 'Hive release version 2.3.0');
