import HQLAnalysis
import Testing

@Suite struct TableInferenceTests {
    func tables(_ source: String, _ variables: HiveVariables = HiveVariables()) -> [String] {
        HQLFileAnalysis(source: source, variables: variables).tables.map { "\($0.kind.rawValue) \($0.table) \($0.position)" }
    }

    @Test func createTableVariants() {
        #expect(tables("""
            CREATE TABLE a (x INT);
            create external table if not exists DB.B (x int) LOCATION 's3://x';
            CREATE TEMPORARY TABLE `c` AS SELECT 1;
            CREATE TABLE d LIKE src.e;
            CREATE DATABASE IF NOT EXISTS audit
            """) == [
            "write a 1:14", "write db.b 2:37", "write d 4:14", "read src.e 4:21",
        ])
    }

    @Test func ctasReadsAndWrites() {
        #expect(tables("CREATE TABLE uc.t STORED AS ORC AS SELECT * FROM uc_views_tables.t") == [
            "write uc.t 1:14", "read uc_views_tables.t 1:50",
        ])
    }

    @Test func viewsDropsAlters() {
        #expect(tables("""
            CREATE OR REPLACE VIEW v1 AS SELECT * FROM t1;
            DROP VIEW IF EXISTS v1; DROP TABLE t2; drop materialized view mv;
            ALTER TABLE t3 ADD PARTITION (p='1'); ALTER TABLE t4 RENAME TO t5;
            TRUNCATE TABLE t6; DROP DATABASE x CASCADE
            """) == [
            "write v1 1:24", "read t1 1:44",
            "write v1 2:21", "write t2 2:36", "write mv 2:63",
            "write t3 3:13", "write t4 3:51", "write t5 3:64",
            "write t6 4:16",
        ])
    }

    @Test func insertForms() {
        #expect(tables("""
            INSERT INTO a SELECT * FROM b;
            INSERT INTO TABLE c PARTITION (p) SELECT * FROM d;
            INSERT OVERWRITE TABLE e PARTITION (p='x') SELECT 1 FROM f;
            INSERT OVERWRITE LOCAL DIRECTORY '/tmp' SELECT * FROM g;
            INSERT INTO h (x, y) VALUES (1, 2)
            """) == [
            "write a 1:13", "read b 1:29",
            "write c 2:19", "read d 2:49",
            "write e 3:24", "read f 3:58",
            "read g 4:55",
            "write h 5:13",
        ])
    }

    @Test func multiInsert() {
        #expect(tables("FROM src s INSERT OVERWRITE TABLE a SELECT s.x INSERT INTO TABLE b SELECT s.y") == [
            "read src 1:6", "write a 1:35", "write b 1:66",
        ])
    }

    @Test func joinsOfAllKindsCommaJoinsAndSubqueries() {
        let source = """
            SELECT * FROM a x
            LEFT OUTER JOIN b ON x.k = b.k
            JOIN (SELECT * FROM c WHERE k IN (SELECT k FROM d)) y ON 1=1
            CROSS JOIN e, f AS g, `Db`.`H` h
            LEFT SEMI JOIN i ON 1=1
            FULL JOIN j USING (k)
            """
        #expect(tables(source) == [
            "read a 1:15", "read b 2:17", "read c 3:21", "read d 3:49",
            "read e 4:12", "read f 4:15", "read db.h 4:23", "read i 5:16", "read j 6:11",
        ])
    }

    @Test func commaJoinAfterSubquery() {
        #expect(tables("SELECT * FROM (SELECT 1 FROM a) s, b t, c WHERE 1=1") == ["read a 1:30", "read b 1:36", "read c 1:41"])
    }

    @Test func commonTableExpressionsAreNotTables() {
        let source = """
            WITH x AS (SELECT * FROM base), y (c) AS (SELECT c FROM x)
            INSERT INTO out SELECT * FROM y JOIN db.x ON 1=1 JOIN other ON 1=1
            """
        #expect(tables(source) == ["read base 1:26", "write out 2:13", "read db.x 2:38", "read other 2:55"])
    }

    @Test func ctasWithCommonTableExpression() {
        #expect(tables("CREATE TABLE t AS WITH q AS (SELECT 1 FROM s) SELECT * FROM q") == ["write t 1:14", "read s 1:44"])
    }

    @Test func fromInsideFunctionsIsNotATable() {
        #expect(tables("SELECT extract(year FROM d), trim(both ' ' FROM n), substring(s FROM 2) FROM t") == ["read t 1:78"])
    }

    @Test func tableFunctionsAndLateralViewsAreNotTables() {
        #expect(tables("SELECT * FROM t LATERAL VIEW explode(xs) e AS x") == ["read t 1:15"])
        #expect(tables("SELECT * FROM range(10)") == [])
    }

    @Test func useQualifiesAndDefaultIsUnqualified() {
        #expect(tables("USE Model; INSERT INTO t SELECT * FROM other.u; USE default; SELECT * FROM default.v, w") == [
            "write model.t 1:24", "read other.u 1:40", "read v 1:76", "read w 1:87",
        ])
    }

    @Test func tablesAfterSubstitutionPointAtTheReference() {
        let variables = HiveVariables(hivevars: ["model_database": "UC_Model"])
        #expect(tables("INSERT OVERWRITE TABLE ${model_database}.site_dim\nSELECT * FROM ${hivevar:src}.x", variables) == [
            "write uc_model.site_dim 1:24", "read ${hivevar:src}.x 2:15",
        ])
    }

    @Test func deleteUpdateMergeLoad() {
        #expect(tables("""
            DELETE FROM a WHERE x IN (SELECT x FROM b);
            UPDATE c SET x = 1;
            MERGE INTO d USING e ON d.k = e.k WHEN MATCHED THEN DELETE;
            LOAD DATA INPATH '/x' OVERWRITE INTO TABLE f
            """) == ["write a 1:13", "read b 1:41", "write c 2:8", "write d 3:12", "read e 3:20", "write f 4:44"])
    }

    @Test func statementsThatTouchNoTable() {
        #expect(tables("SET x=1; SHOW TABLES FROM db; DESCRIBE t; EXPLAIN SELECT * FROM t; UNLOCK TABLE uc.t; ADD JAR x.jar") == [])
    }

    @Test func commentedOutSQLIsIgnored() {
        #expect(tables("-- INSERT INTO a SELECT * FROM b\n/* DROP TABLE c; */ SELECT 1") == [])
    }
}
