-- Databases that already exist in the metastore: `default` and one of those the test plans create.
INSERT INTO `DBS` (`DB_ID`, `DESC`, `DB_LOCATION_URI`, `NAME`, `OWNER_NAME`, `OWNER_TYPE`)
VALUES (1, 'Default Hive database', 's3://pdm-warehouse/hive', 'default', 'public', 'ROLE'),
       (2, NULL, 's3://pdm-warehouse/pdm_raw.db', 'pdm_raw', 'hadoop', 'USER');
