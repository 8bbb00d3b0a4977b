-- Runs only when with_extras is true.
CREATE TABLE IF NOT EXISTS ${hivevar:db}.extras (note STRING, run_tag STRING);
INSERT INTO TABLE ${hivevar:db}.extras VALUES ('extras ran', '${hivevar:run_tag}');
