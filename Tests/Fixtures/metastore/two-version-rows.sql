-- A Hive 3.1 shape with two VERSION rows: which one would Hive read?
source parts/hive-2.3-schema.sql
source parts/hive-3.0-upgrade.sql
source parts/hive-3.1-upgrade.sql
source parts/databases.sql
INSERT INTO `VERSION` VALUES (1, '2.3.0', 'Hive release version 2.3.0'), (2, '3.1.0', 'Hive release version 3.1.0');
