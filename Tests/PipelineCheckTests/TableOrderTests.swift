import PipelineCheck
import PipelinePlan
import Testing

/// Table order rules on small in-memory pipelines.
@Suite struct TableOrderTests {
    func check(_ files: [String: String], _ steps: [PlanStep]) -> [String] {
        PipelineChecker(readFile: PlanBuilder.reader(files)).check(PlanBuilder.plan(steps)).diagnostics.map(\.description)
    }

    @Test func readingWhatAnEarlierStepWroteIsFine() {
        let files = ["sql/a.sql": "CREATE TABLE t AS SELECT 1", "sql/b.sql": "SELECT * FROM t"]
        #expect(check(files, [
            PlanBuilder.step(0, "one", [[PlanBuilder.task("sql/a.sql", line: 1)]], line: 1),
            PlanBuilder.step(1, "two", [[PlanBuilder.task("sql/b.sql", line: 2)]], line: 2),
        ]) == [])
    }

    @Test func readBeforeWriteAcrossSteps() {
        let files = ["sql/a.sql": "CREATE TABLE t AS SELECT 1", "sql/b.sql": "SELECT *\n  FROM T"]
        #expect(check(files, [
            PlanBuilder.step(0, "one", [[PlanBuilder.task("sql/b.sql", line: 1)]], line: 1),
            PlanBuilder.step(1, "two", [[PlanBuilder.task("sql/a.sql", line: 2)]], line: 2),
        ]) == ["sql/b.sql:2:8: warning: read before write: table 't' is written later, by step 'two' at sql/a.sql:1:14 [check.read-before-write]"])
    }

    @Test func anEarlierWriterMeansTheLaterOneIsARebuild() {
        let files = ["sql/a.sql": "CREATE TABLE t AS SELECT 1", "sql/b.sql": "SELECT * FROM t"]
        #expect(check(files, [
            PlanBuilder.step(0, "one", [[PlanBuilder.task("sql/a.sql", line: 1)], [PlanBuilder.task("sql/b.sql", line: 1)]], line: 1),
            PlanBuilder.step(1, "two", [[PlanBuilder.task("sql/a.sql", line: 2)]], line: 2),
        ]) == [])
    }

    @Test func aTaskReadingWhatItWroteEarlierIsFine() {
        let files = [
            "sql/a.sql": "DROP TABLE IF EXISTS uc.t; CREATE TABLE uc.t AS SELECT * FROM v.t; DROP VIEW v.t",
            "sql/b.sql": "CREATE VIEW v.t AS SELECT 1",
        ]
        // a.sql reads v.t before b.sql (a later step) creates it: that read is reported; its own uc.t is not.
        #expect(check(files, [
            PlanBuilder.step(0, "one", [[PlanBuilder.task("sql/a.sql", line: 1)]], line: 1),
            PlanBuilder.step(1, "two", [[PlanBuilder.task("sql/b.sql", line: 2)]], line: 2),
        ]) == ["sql/a.sql:1:63: warning: read before write: table 'v.t' is written later, by step 'two' at sql/b.sql:1:13 [check.read-before-write]"])
    }

    @Test func raceInOneWaveButNotAcrossWaves() {
        let files = ["sql/w.sql": "INSERT INTO db.t SELECT 1", "sql/r.sql": "SELECT * FROM `DB`.`T`"]
        #expect(check(files, [
            PlanBuilder.step(0, "s", [[PlanBuilder.task("sql/w.sql", line: 1), PlanBuilder.task("sql/r.sql", line: 1)]], line: 1),
        ]) == ["sql/r.sql:1:15: warning: race: reads table 'db.t', which another task of the same parallel wave (step 's') writes at sql/w.sql:1:13 [check.race]"])
        #expect(check(files, [
            PlanBuilder.step(0, "s", [[PlanBuilder.task("sql/w.sql", line: 1)], [PlanBuilder.task("sql/r.sql", line: 1)]], line: 1),
        ]) == [])
    }

    @Test func threeWritersInOneWaveGiveTwoErrors() {
        let files = ["sql/a.sql": "INSERT INTO t SELECT 1", "sql/b.sql": "TRUNCATE TABLE t", "sql/c.sql": "DROP TABLE t"]
        #expect(check(files, [
            PlanBuilder.step(0, "s", [["sql/a.sql", "sql/b.sql", "sql/c.sql"].map { PlanBuilder.task($0, line: 1) }], line: 1),
        ]) == [
            "sql/b.sql:1:16: error: two writers of table 't' in one parallel wave (step 's'): also written at sql/a.sql:1:13 [check.conflicting-writers]",
            "sql/c.sql:1:12: error: two writers of table 't' in one parallel wave (step 's'): also written at sql/a.sql:1:13 [check.conflicting-writers]",
        ])
    }

    @Test func substitutionMakesDifferentSpellingsOneTable() {
        let files = ["sql/w.sql": "INSERT INTO ${hivevar:db}.t SELECT 1", "sql/r.sql": "USE uc;\nSELECT * FROM t"]
        #expect(check(files, [
            PlanBuilder.step(0, "s", [[PlanBuilder.task("sql/r.sql", line: 1)]], line: 1),
            PlanBuilder.step(1, "u", [[PlanBuilder.task("sql/w.sql", hivevars: [KeyValue("db", "UC")], line: 2)]], line: 2),
        ]) == ["sql/r.sql:2:15: warning: read before write: table 'uc.t' is written later, by step 'u' at sql/w.sql:1:13 [check.read-before-write]"])
    }

    @Test func inlineStatementsAreReportedAtThePipelineLine() {
        #expect(check([:], [
            PlanBuilder.step(0, "s", [[PlanBuilder.statement("SELECT * FROM t", line: 4)]], line: 3),
            PlanBuilder.step(1, "u", [[PlanBuilder.statement("CREATE TABLE t (x INT)", line: 6)]], line: 5),
        ]) == ["check.pipe:4:5: warning: read before write: table 't' is written later, by step 'u' at check.pipe:6:5 [check.read-before-write]"])
    }
}
