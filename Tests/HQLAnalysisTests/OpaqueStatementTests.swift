import HQLAnalysis
import Testing

/// What the inference cannot read must say so (a barrier for table order), and what it can read it must not
/// call opaque (a barrier costs parallelism).
@Suite struct OpaqueStatementTests {
    func opaque(_ source: String, _ variables: HiveVariables = HiveVariables()) -> [String] {
        HQLFileAnalysis(source: source, variables: variables).opaque.map { "\($0.position) \($0.description)" }
    }

    func footprint(_ source: String, _ variables: HiveVariables = HiveVariables()) -> String {
        let f = TableFootprint(HQLFileAnalysis(source: source, variables: variables))
        return "reads \(f.reads) writes \(f.writes) opaque \(f.opaque.count)"
    }

    @Test func effectsOutsideTheTablesAreOpaque() {
        #expect(opaque("dfs -rm -r /tmp/x;\nsource other.sql;\n!ls;\nCREATE FUNCTION f AS 'x.Y'; DROP FUNCTION f") == [
            "1:1 dfs acts outside the tables", "2:1 source acts outside the tables", "3:1 !command acts outside the tables",
            "4:1 CREATE FUNCTION acts outside the tables", "4:29 DROP FUNCTION acts outside the tables",
        ])
    }

    @Test func databasesAreOpaque() {
        #expect(opaque("CREATE DATABASE IF NOT EXISTS m; DROP SCHEMA m CASCADE; ALTER DATABASE m SET DBPROPERTIES ('a'='b')") == [
            "1:1 CREATE DATABASE m changes a whole database", "1:34 DROP SCHEMA m changes a whole database",
            "1:57 ALTER DATABASE m changes a whole database",
        ])
        // The preflight still learns which databases a file creates.
        #expect(HQLFileAnalysis(source: "CREATE DATABASE IF NOT EXISTS m", variables: HiveVariables()).createdDatabases == ["m"])
    }

    @Test func unknownStatementsAreOpaque() {
        #expect(opaque("OPTIMIZE t ZORDER BY (x);\n  VACUUM t") == [
            "1:1 statement 'OPTIMIZE t' is not understood", "2:3 statement 'VACUUM t' is not understood",
        ])
    }

    @Test func sessionStatementsAreNot() {
        let source = """
            SET hive.exec.dynamic.partition=true; ADD JAR s3://x/y.jar; CREATE TEMPORARY FUNCTION f AS 'x.Y';
            SHOW TABLES; DESCRIBE FORMATTED t; EXPLAIN SELECT 1; USE m; RESET; DELETE JAR y.jar; LOCK TABLE t SHARED;
            UNLOCK TABLE t; DROP TEMPORARY FUNCTION f; REFRESH TABLE t; UNCACHE TABLE t
            """
        #expect(opaque(source) == [])
        #expect(footprint(source) == "reads [] writes [] opaque 0")
    }

    @Test func anUnresolvedTableNameIsOpaque() {
        #expect(opaque("INSERT INTO ${hivevar:db}.t SELECT * FROM m.${table}") == [
            "1:13 table name '${hivevar:db}.t' holds an unresolved variable",
            "1:43 table name 'm.${table}' holds an unresolved variable",
        ])
        #expect(opaque("INSERT INTO ${hivevar:db}.t SELECT 1", HiveVariables(hivevars: ["db": "m"])) == [])
        #expect(footprint("INSERT INTO ${hivevar:db}.t SELECT * FROM u") == "reads [\"u\"] writes [] opaque 1")
    }

    @Test func aReferenceStandingAloneInTheCodeIsOpaque() {
        #expect(opaque("SELECT * FROM t ${hivevar:joins} WHERE x = 1") == ["1:17 ${hivevar:joins} is not resolved and may stand for any SQL"])
        // In a string, or inside a longer word, it is a value, not SQL.
        #expect(opaque("SELECT '${hiveconf:day}' AS d, col_${hivevar:n} FROM t -- ${x}") == [])
    }

    @Test func statementsThatChangeATableInPlaceWriteIt() {
        let tables = HQLFileAnalysis(source: """
            MSCK REPAIR TABLE m.a; ANALYZE TABLE m.b PARTITION (d='1') COMPUTE STATISTICS FOR COLUMNS;
            ALTER TABLE m.c EXCHANGE PARTITION (d='1') WITH TABLE m.d; ALTER TABLE m.e DROP IF EXISTS PARTITION (d='1');
            TRUNCATE TABLE m.f PARTITION (d='1'); IMPORT TABLE m.g FROM '/x'; EXPORT TABLE m.h TO '/y'; CACHE TABLE m.i
            """, variables: HiveVariables()).tables.map { "\($0.kind.rawValue) \($0.table)" }
        #expect(tables == [
            "write m.a", "write m.b", "write m.c", "write m.d", "write m.e", "write m.f", "write m.g", "read m.h", "read m.i",
        ])
    }

    @Test func insertIntoADirectoryReadsButIsOpaque() {
        #expect(footprint("INSERT OVERWRITE DIRECTORY 's3://x' SELECT * FROM m.t") == "reads [\"m.t\"] writes [] opaque 1")
    }

    @Test func temporaryObjectsAreTheSessionsOwn() {
        let source = """
            CREATE TEMPORARY VIEW v AS SELECT * FROM m.src;
            CACHE TABLE c AS SELECT * FROM m.other;
            INSERT OVERWRITE TABLE m.out SELECT * FROM v JOIN c ON 1=1
            """
        #expect(footprint(source) == "reads [\"m.other\", \"m.src\"] writes [\"m.out\"] opaque 0")
    }

    @Test func aTaskReadingWhatItWritesIsAWriterOnly() {
        #expect(footprint("INSERT OVERWRITE TABLE m.t SELECT * FROM m.t WHERE x > 0; SELECT * FROM m.u") ==
            "reads [\"m.u\"] writes [\"m.t\"] opaque 0")
    }

    @Test func declaredNamesNormaliseAsInTheSQL() {
        #expect(TableName.normalise("DB.T") == "db.t")
        #expect(TableName.normalise("`Db`.`t`") == "db.t")
        #expect(TableName.normalise("default.t") == "t")
        #expect(TableName.normalise("t") == "t")
        for bad in ["", "a b", "a.b.c", "${hivevar:db}.t", "select", "a;b", "a."] {
            #expect(TableName.normalise(bad) == nil, "\(bad)")
        }
    }
}
