-- A fresh database per test run.
DROP DATABASE IF EXISTS ${hivevar:db} CASCADE;
CREATE DATABASE ${hivevar:db};
