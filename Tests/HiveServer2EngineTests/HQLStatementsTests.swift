import HiveServer2
import Testing
@testable import HiveServer2Engine

@Suite struct HQLStatementsTests {
    @Test func splitsAtSemicolonsOutsideStringsAndComments() {
        let source = """
            -- leading comment; not a statement
            SET hive.exec.dynamic.partition=true;
            SELECT 'a;b', "c;d" /* ; */ FROM t;

            -- only a comment;
            ;
            INSERT INTO x SELECT `we;ird` FROM y -- trailing
            """
        #expect(HQLStatements.split(source) == [
            "-- leading comment; not a statement\nSET hive.exec.dynamic.partition=true",
            "SELECT 'a;b', \"c;d\" /* ; */ FROM t",
            "INSERT INTO x SELECT `we;ird` FROM y -- trailing",
        ])
    }

    @Test func emptyFileHasNoStatements() {
        #expect(HQLStatements.split("  \n-- nothing\n;;\n").isEmpty)
    }

    @Test func sessionConfigurationAsBeelineSendsIt() {
        let task = HiveServer2Task(options: HiveServer2Options(host: "h", port: 1), database: "pdm",
                                   hivevars: ["run_date": "2024-01-01", "token": "s3cret"], hiveconf: ["hive.exec.parallel": "true"],
                                   secretHivevars: ["token"])
        #expect(task.sessionConfiguration == [
            "use:database": "pdm", "set:hivevar:run_date": "2024-01-01", "set:hivevar:token": "s3cret",
            "set:hiveconf:hive.exec.parallel": "true",
        ])
        #expect(task.displayedConfiguration.map { "\($0.key)=\($0.value)" } == [
            "set:hiveconf:hive.exec.parallel=true", "set:hivevar:run_date=2024-01-01", "set:hivevar:token=***",
            "use:database=pdm",
        ])
        #expect(task.masked("SELECT 's3cret' AS t") == "SELECT '***' AS t")
    }

    @Test func valuesPrintAsBeelineDoes() {
        #expect(HiveServer2Engine.text(.null) == "NULL")
        #expect(HiveServer2Engine.text(.bool(true)) == "true")
        #expect(HiveServer2Engine.text(.double(1)) == "1.0")
        #expect(HiveServer2Engine.text(.double(-2.5)) == "-2.5")
        #expect(HiveServer2Engine.text(.double(.nan)) == "NaN")
        #expect(HiveServer2Engine.text(.int(-7)) == "-7")
    }
}
