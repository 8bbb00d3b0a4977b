CREATE TABLE IF NOT EXISTS ${hivevar:db}.shapes (name STRING, sides INT, run_tag STRING);
INSERT INTO TABLE ${hivevar:db}.shapes VALUES
  ('triangle', 3, '${hivevar:run_tag}'),
  ('square', 4, '${hivevar:run_tag}'),
  ('pentagon', 5, '${hivevar:run_tag}');
