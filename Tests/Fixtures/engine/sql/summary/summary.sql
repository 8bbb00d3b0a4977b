-- Reads what steps load and copies wrote.
DROP TABLE IF EXISTS ${hivevar:db}.summary;
CREATE TABLE ${hivevar:db}.summary AS
SELECT 'copy_colours' AS item, count(*) AS value FROM ${hivevar:db}.copy_colours
UNION ALL SELECT 'copy_numbers', count(*) FROM ${hivevar:db}.copy_numbers
UNION ALL SELECT 'copy_shapes', count(*) FROM ${hivevar:db}.copy_shapes
UNION ALL SELECT 'sum_of_squares', sum(square) FROM ${hivevar:db}.numbers;
