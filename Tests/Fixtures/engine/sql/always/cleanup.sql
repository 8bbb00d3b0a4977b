-- An `always` step: runs after a failure too, so the database may not exist yet.
CREATE DATABASE IF NOT EXISTS ${hivevar:db};
CREATE TABLE IF NOT EXISTS ${hivevar:db}.always_runs (run_tag STRING);
INSERT INTO TABLE ${hivevar:db}.always_runs VALUES ('${hivevar:run_tag}');
