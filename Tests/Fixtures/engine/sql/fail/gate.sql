-- Fails unless hivevar gate_open is 'true'; records each pass in gate_passes.
CREATE TABLE IF NOT EXISTS ${hivevar:db}.gate_passes (run_tag STRING);
SELECT assert_true('${hivevar:gate_open}' = 'true');
INSERT INTO TABLE ${hivevar:db}.gate_passes VALUES ('${hivevar:run_tag}');
