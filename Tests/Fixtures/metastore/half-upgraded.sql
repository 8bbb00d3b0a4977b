-- An upgrade that stopped halfway: the 2.3 → 3.0 script ran (VERSION 3.0.0), the 3.0 → 3.1 script did not.
source parts/hive-2.3-schema.sql
source parts/hive-3.0-upgrade.sql
source parts/databases.sql
INSERT INTO `VERSION` VALUES (1, '3.0.0', 'Hive release version 3.0.0');
