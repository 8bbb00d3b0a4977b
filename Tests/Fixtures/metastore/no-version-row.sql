-- A Hive 3.1 shape whose VERSION table is empty.
source parts/hive-2.3-schema.sql
source parts/hive-3.0-upgrade.sql
source parts/hive-3.1-upgrade.sql
source parts/databases.sql
