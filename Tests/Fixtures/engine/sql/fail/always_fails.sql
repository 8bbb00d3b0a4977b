-- Always fails: assert_true raises an error in Hive and in Spark (beeline exits 2, hive-spark exits 1).
SELECT assert_true(1 = 0);
