CREATE TABLE IF NOT EXISTS ${hivevar:db}.numbers (n INT, square INT, run_tag STRING);
INSERT INTO TABLE ${hivevar:db}.numbers VALUES
  (1, 1, '${hivevar:run_tag}'),
  (2, 4, '${hivevar:run_tag}'),
  (3, 9, '${hivevar:run_tag}'),
  (4, 16, '${hivevar:run_tag}'),
  (5, 25, '${hivevar:run_tag}');
