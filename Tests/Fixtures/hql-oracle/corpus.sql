-- The table inference's test corpus: HiveQL statements of every kind the inference must read, each compared with
-- what Spark's SQL parser says it reads and writes (Tests/HQLAnalysisTests/SparkOracleTests.swift,
-- scripts/lib/hql_oracle.py). Statements are separated by `;`; comments are part of the test.

-- CTAS
CREATE TABLE m.site_dim STORED AS ORC AS SELECT * FROM t.site;
CREATE TABLE IF NOT EXISTS m.a AS SELECT x, y FROM t.b WHERE z > 1;
CREATE TABLE m.c STORED AS PARQUET TBLPROPERTIES ('k'='v') AS SELECT b.x FROM t.b b JOIN t.d d ON b.k = d.k;
CREATE TABLE m.e AS WITH q AS (SELECT * FROM t.f) SELECT * FROM q JOIN t.g ON q.k = g.k;
CREATE TABLE m.h PARTITIONED BY (dt) STORED AS ORC AS SELECT x, dt FROM t.i;
create table M.Lower_Upper as select * from T.MixedCase;
CREATE TABLE m.u STORED AS ORC AS SELECT * FROM t.u1 UNION ALL SELECT * FROM t.u2;
CREATE TABLE m.cnt AS SELECT count(*) AS n FROM (SELECT DISTINCT k FROM t.k1) s;
CREATE TABLE uc.agent_dim_v STORED AS ORC AS SELECT * FROM uc_views_tables.agent_dim_v;
CREATE TABLE m.v2 AS VALUES (1, 'a'), (2, 'b');

-- INSERT with joins and partitions
INSERT OVERWRITE TABLE m.fact SELECT a.x, b.y FROM t.a a JOIN t.b b ON a.k = b.k LEFT JOIN t.c c ON c.k = a.k;
INSERT INTO TABLE m.fact SELECT * FROM t.a;
INSERT INTO m.fact (x, y) VALUES (1, 2), (3, 4);
INSERT OVERWRITE TABLE m.part PARTITION (dt = '2026-11-21') SELECT x FROM t.src WHERE dt = '2026-11-21';
INSERT OVERWRITE TABLE m.part PARTITION (dt) SELECT x, dt FROM t.src;
INSERT INTO TABLE m.part PARTITION (dt = '1') SELECT x FROM t.src;
INSERT OVERWRITE TABLE m.j SELECT * FROM t.a a FULL OUTER JOIN t.b b ON a.k = b.k RIGHT OUTER JOIN t.c c ON c.k = b.k;
INSERT OVERWRITE TABLE m.semi SELECT a.* FROM t.a a LEFT SEMI JOIN t.b b ON a.k = b.k;
INSERT OVERWRITE TABLE m.anti SELECT a.* FROM t.a a LEFT ANTI JOIN t.b b ON a.k = b.k;
INSERT OVERWRITE TABLE m.cross SELECT * FROM t.a CROSS JOIN t.b;
INSERT OVERWRITE TABLE m.comma SELECT * FROM t.a, t.b x, t.c AS y WHERE a.k = x.k;
INSERT OVERWRITE TABLE m.using SELECT * FROM t.a JOIN t.b USING (k);
INSERT OVERWRITE TABLE m.paren SELECT * FROM (t.a a JOIN t.b b ON a.k = b.k) JOIN t.c c ON c.k = a.k;
INSERT INTO m.self SELECT * FROM m.self WHERE x > 0;
INSERT OVERWRITE TABLE m.dist SELECT * FROM t.a DISTRIBUTE BY k SORT BY v;
INSERT OVERWRITE TABLE m.cl SELECT * FROM t.a CLUSTER BY k;

-- Common table expressions
WITH x AS (SELECT * FROM t.base), y AS (SELECT * FROM x JOIN t.other o ON 1 = 1) SELECT * FROM y;
WITH x AS (SELECT * FROM t.base) INSERT OVERWRITE TABLE m.out SELECT * FROM x;
WITH site AS (SELECT * FROM t.site WHERE active) SELECT * FROM site;
WITH a AS (WITH b AS (SELECT * FROM t.deep) SELECT * FROM b) SELECT * FROM a;
SELECT * FROM (WITH inner_cte AS (SELECT 1 AS k FROM t.in_sub) SELECT * FROM inner_cte) s;
WITH x AS (SELECT * FROM t.p) SELECT * FROM x UNION ALL SELECT * FROM t.q;
INSERT OVERWRITE TABLE m.w WITH c AS (SELECT * FROM t.cte_src) SELECT * FROM c;
WITH q (a, b) AS (SELECT x, y FROM t.named_cols) SELECT a FROM q;

-- Subqueries
SELECT * FROM t.a WHERE k IN (SELECT k FROM t.b);
SELECT * FROM t.a a WHERE EXISTS (SELECT 1 FROM t.b b WHERE b.k = a.k);
SELECT * FROM t.a WHERE NOT EXISTS (SELECT 1 FROM t.b WHERE b.k = a.k);
SELECT (SELECT max(v) FROM t.m) AS top, x FROM t.n;
SELECT * FROM (SELECT * FROM (SELECT * FROM t.three_deep) x) y;
SELECT * FROM t.a WHERE v > (SELECT avg(v) FROM t.b WHERE b.g IN (SELECT g FROM t.c));
SELECT CASE WHEN EXISTS (SELECT 1 FROM t.z) THEN 1 ELSE 0 END AS flag FROM t.y;
SELECT * FROM (SELECT k FROM t.l1) l JOIN (SELECT k FROM t.l2) r ON l.k = r.k;
SELECT * FROM t.a WHERE k NOT IN (SELECT k FROM t.excluded);
SELECT k, (SELECT count(*) FROM t.inner_count i WHERE i.k = o.k) FROM t.outer_t o;

-- Set operations
SELECT k FROM t.a UNION ALL SELECT k FROM t.b UNION ALL SELECT k FROM t.c;
SELECT k FROM t.a UNION SELECT k FROM t.b;
SELECT k FROM t.a INTERSECT SELECT k FROM t.b;
SELECT k FROM t.a EXCEPT SELECT k FROM t.b;
(SELECT k FROM t.pa) UNION ALL (SELECT k FROM t.pb);
INSERT OVERWRITE TABLE m.all_k SELECT k FROM (SELECT k FROM t.a UNION ALL SELECT k FROM t.b) u;

-- Multi-insert
FROM t.src s INSERT OVERWRITE TABLE m.a SELECT s.x INSERT INTO TABLE m.b SELECT s.y;
FROM (SELECT * FROM t.src2) s INSERT OVERWRITE TABLE m.c SELECT s.x WHERE s.x > 0 INSERT OVERWRITE TABLE m.d PARTITION (p = 1) SELECT s.y;
FROM t.src3 INSERT OVERWRITE TABLE m.e SELECT * WHERE k = 1 INSERT OVERWRITE TABLE m.f SELECT * WHERE k = 2 INSERT OVERWRITE TABLE m.g SELECT * WHERE k = 3;
FROM t.a a JOIN t.b b ON a.k = b.k INSERT OVERWRITE TABLE m.joined SELECT a.x, b.y;

-- LATERAL VIEW
SELECT x FROM t.arr LATERAL VIEW explode(xs) e AS x;
SELECT x, y FROM t.arr LATERAL VIEW explode(xs) e AS x LATERAL VIEW posexplode(ys) f AS i, y;
SELECT x FROM t.arr LATERAL VIEW OUTER explode(xs) e AS x WHERE x IS NOT NULL;
INSERT OVERWRITE TABLE m.exploded SELECT a.k, e.x FROM t.arr a JOIN t.other o ON o.k = a.k LATERAL VIEW explode(a.xs) e AS x;
SELECT * FROM t.arr, LATERAL (SELECT * FROM t.lat WHERE lat.k = arr.k);

-- Views
CREATE VIEW m.v AS SELECT * FROM t.a JOIN t.b ON a.k = b.k;
CREATE OR REPLACE VIEW m.v AS SELECT * FROM t.a;
CREATE VIEW IF NOT EXISTS m.v3 (c1, c2) AS SELECT x, y FROM t.c;
ALTER VIEW m.v AS SELECT * FROM t.d;
DROP VIEW IF EXISTS m.v;
CREATE TEMPORARY VIEW tmp AS SELECT * FROM t.src_for_temp;
CREATE OR REPLACE TEMPORARY VIEW tmp2 AS SELECT * FROM t.other_for_temp;
SELECT * FROM m.some_view v JOIN t.fact f ON v.k = f.k;

-- Partitions
ALTER TABLE m.part ADD IF NOT EXISTS PARTITION (dt = '2026-11-21') LOCATION '/x';
ALTER TABLE m.part DROP IF EXISTS PARTITION (dt = '2026-11-20');
ALTER TABLE m.part PARTITION (dt = '1') RENAME TO PARTITION (dt = '2');
ALTER TABLE m.part PARTITION (dt = '1') SET LOCATION '/y';
ALTER TABLE m.part RECOVER PARTITIONS;
SHOW PARTITIONS m.part;
INSERT OVERWRITE TABLE m.part PARTITION (dt = '3', hr) SELECT x, hr FROM t.hourly;
TRUNCATE TABLE m.part PARTITION (dt = '1');

-- Backquoted and qualified names
SELECT * FROM `t`.`a`;
SELECT * FROM `t.dotted`;
SELECT * FROM `T`.`Upper`;
SELECT * FROM t.`order` o JOIN `t`.`select` s ON o.k = s.k;
INSERT OVERWRITE TABLE `m`.`quoted_out` SELECT * FROM `t`.`quoted_in`;
SELECT * FROM default.dflt JOIN plain ON 1 = 1;
SELECT * FROM t.tbl_2026_v1;
SELECT * FROM spark_catalog.t.cat;

-- Comments
SELECT /* FROM t.fake */ * FROM t.real -- FROM t.other_fake
;
SELECT /*+ BROADCAST(d) */ f.* FROM t.f f JOIN t.d d ON f.k = d.k;
-- a comment line; FROM t.nothing
SELECT * FROM t.after_comment;
/* a block
   comment, JOIN t.nothing ON 1 = 1 */ SELECT * FROM t.after_block;
SELECT 'FROM t.in_string' AS s, "JOIN t.in_dq" AS d FROM t.strings;
SELECT * -- trailing
FROM -- between
  t.split /* inside */ x;

-- UPDATE, DELETE, MERGE
UPDATE m.acid SET v = 1 WHERE k = 2;
UPDATE m.acid SET v = (SELECT max(v) FROM t.maxes) WHERE k IN (SELECT k FROM t.keys);
DELETE FROM m.acid WHERE k = 1;
DELETE FROM m.acid WHERE k IN (SELECT k FROM t.gone);
MERGE INTO m.acid t USING t.changes s ON t.k = s.k WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT *;
MERGE INTO m.acid AS tgt USING (SELECT * FROM t.staged WHERE ok) AS src ON tgt.k = src.k WHEN MATCHED AND src.del THEN DELETE WHEN NOT MATCHED THEN INSERT (k, v) VALUES (src.k, src.v);
MERGE INTO m.acid tgt USING t.a src ON tgt.k = src.k WHEN NOT MATCHED BY SOURCE THEN DELETE;
DELETE FROM m.acid;

-- MSCK, ALTER, ANALYZE
MSCK REPAIR TABLE m.ext;
MSCK TABLE m.ext2;  -- Hive's spelling; Spark wants REPAIR
ANALYZE TABLE m.stats COMPUTE STATISTICS;
ANALYZE TABLE m.stats PARTITION (dt = '1') COMPUTE STATISTICS NOSCAN;
ANALYZE TABLE m.stats COMPUTE STATISTICS FOR COLUMNS a, b;
ALTER TABLE m.t SET TBLPROPERTIES ('k' = 'v');
ALTER TABLE m.t ADD COLUMNS (c INT COMMENT 'new');
ALTER TABLE m.t CHANGE COLUMN c c2 BIGINT;  -- Hive's rename; Spark refuses it
ALTER TABLE m.old RENAME TO m.new;
ALTER TABLE m.t SET LOCATION '/z';
ALTER TABLE m.t SET SERDEPROPERTIES ('a' = 'b');

-- Other DDL
CREATE TABLE IF NOT EXISTS m.plain (a INT, b STRING) PARTITIONED BY (dt STRING) STORED AS ORC;
CREATE EXTERNAL TABLE m.ext3 (a STRING) ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' LOCATION 's3://b/k/';
CREATE TABLE m.copy LIKE t.template;
CREATE TABLE IF NOT EXISTS m.copy2 LIKE t.template2 LOCATION '/w';
DROP TABLE IF EXISTS m.gone;
DROP TABLE m.gone2 PURGE;
TRUNCATE TABLE m.emptied;
LOAD DATA INPATH '/in/x' INTO TABLE m.loaded;
LOAD DATA LOCAL INPATH '/in/y' OVERWRITE INTO TABLE m.loaded PARTITION (dt = '1');
CREATE TABLE m.using_parquet USING parquet AS SELECT * FROM t.src;
CREATE TABLE m.delim (a INT) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' STORED AS TEXTFILE;

-- Functions whose arguments say FROM, table-valued functions, windows, grouping
SELECT extract(YEAR FROM d) AS y, trim(BOTH ' ' FROM s) AS s2, substring(s FROM 2 FOR 3) AS s3 FROM t.funcs;
SELECT position('a' IN s), overlay(s PLACING 'x' FROM 2) FROM t.more_funcs;
SELECT * FROM range(10);
SELECT * FROM explode(array(1, 2));
SELECT k, row_number() OVER (PARTITION BY g ORDER BY v DESC) AS rn FROM t.windowed;
SELECT g, count(*) FROM t.grouped GROUP BY g HAVING count(*) > 1 ORDER BY g LIMIT 10;
SELECT g, h, sum(v) FROM t.cube GROUP BY g, h WITH ROLLUP;
SELECT * FROM t.sampled TABLESAMPLE (10 PERCENT) s;
SELECT TRANSFORM (a, b) USING 'cat' AS (x, y) FROM t.transformed;
SELECT * FROM VALUES (1, 2), (3, 4) AS v(a, b);
TABLE t.whole;
SELECT * FROM t.a NATURAL JOIN t.b;

-- Read-only and session statements
DESCRIBE FORMATTED m.fact;
DESCRIBE m.fact;
SHOW TABLES IN m;
SHOW CREATE TABLE m.fact;
EXPLAIN SELECT * FROM t.explained;
SET hive.exec.dynamic.partition.mode = nonstrict;
CACHE TABLE t.cached;
CACHE TABLE tmp_cache AS SELECT * FROM t.cache_source;
UNCACHE TABLE t.cached;
REFRESH TABLE t.refreshed
