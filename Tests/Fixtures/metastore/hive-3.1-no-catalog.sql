-- A Hive 3.1 shape whose `hive` catalog row was deleted.
source parts/hive-2.3-schema.sql
source parts/hive-3.0-upgrade.sql
source parts/hive-3.1-upgrade.sql
source parts/databases.sql
DELETE FROM `CTLGS` WHERE `NAME` = 'hive';
INSERT INTO `VERSION` VALUES (1, '3.1.2', 'Hive release version 3.1.2');
