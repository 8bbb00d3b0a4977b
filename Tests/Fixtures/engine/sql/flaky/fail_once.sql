-- Fails once, then succeeds. Each attempt first records itself in flaky_attempts; the assertion passes only when
-- an earlier attempt is recorded, so the first attempt in a fresh database fails and every later one passes.
-- Tests assert flaky_attempts has exactly 2 rows after a run with retries (one failure, one success).
CREATE TABLE IF NOT EXISTS ${hivevar:db}.flaky_attempts (run_tag STRING);
INSERT INTO TABLE ${hivevar:db}.flaky_attempts VALUES ('${hivevar:run_tag}');
SELECT assert_true(attempts > 1) FROM (SELECT count(*) AS attempts FROM ${hivevar:db}.flaky_attempts) a;
CREATE TABLE IF NOT EXISTS ${hivevar:db}.flaky_result (status STRING, run_tag STRING);
INSERT INTO TABLE ${hivevar:db}.flaky_result VALUES ('passed', '${hivevar:run_tag}');
