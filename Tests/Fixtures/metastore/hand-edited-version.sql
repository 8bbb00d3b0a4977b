-- Someone edited VERSION to 3.1.0 over a 2.3-shaped schema: schematool would trust it.
source parts/hive-2.3-schema.sql
source parts/databases.sql
INSERT INTO `VERSION` VALUES (1, '3.1.0', 'Hive release version 3.1.0');
