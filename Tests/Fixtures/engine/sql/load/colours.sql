CREATE TABLE IF NOT EXISTS ${hivevar:db}.colours (name STRING, hex STRING, run_tag STRING);
INSERT INTO TABLE ${hivevar:db}.colours VALUES
  ('red', '#ff0000', '${hivevar:run_tag}'),
  ('green', '#00ff00', '${hivevar:run_tag}'),
  ('blue', '#0000ff', '${hivevar:run_tag}');
