import PipelineCheck
import PipelinePlan
import Testing

/// `check` on steps that run in table order: the task graph orders the step's tasks, so races inside it are not
/// findings; what the graph cannot do (barriers, contradicted waves, cycles) is.
@Suite struct TableGraphCheckTests {
    func check(_ files: [String: String], _ steps: [PlanStep]) -> [String] {
        let plan = PlanBuilder.plan(steps).inferringTables { files[$0] }
        return PipelineChecker(readFile: PlanBuilder.reader(files)).check(plan).diagnostics.map(\.description)
    }

    func tables(_ step: PlanStep) -> PlanStep {
        var step = step
        step.order = .tables
        return step
    }

    static let model = [
        "sql/fact.sql": "INSERT OVERWRITE TABLE m.fact\nSELECT * FROM m.dim",
        "sql/dim.sql": "CREATE TABLE m.dim AS SELECT * FROM src.d",
    ]

    @Test func aReaderAndItsWriterInOneGroupAreNoRaceInTableOrder() {
        let step = PlanBuilder.step(0, "model", [[PlanBuilder.task("sql/fact.sql", line: 1), PlanBuilder.task("sql/dim.sql", line: 2)]], line: 1)
        #expect(check(Self.model, [step]) == [
            "sql/fact.sql:2:15: warning: race: reads table 'm.dim', which another task of the same parallel wave (step 'model') writes at sql/dim.sql:1:14 [check.race]",
        ])
        #expect(check(Self.model, [tables(step)]) == [])
    }

    @Test func aDeclaredWaveOrderTheTablesContradictIsAWarning() {
        let step = tables(PlanBuilder.step(0, "model", [
            [PlanBuilder.task("sql/fact.sql", line: 1)], [PlanBuilder.task("sql/dim.sql", line: 2)],
        ], line: 1))
        #expect(check(Self.model, [step]) == [
            "sql/fact.sql:2:15: warning: wave '1' comes before wave '2', but table 'm.dim' is written by sql/dim.sql at sql/dim.sql:1:14: table order runs that task first [check.wave-order-contradicts-tables]",
        ])
    }

    @Test func barriersAreReportedWithWhyAndHowToLiftThem() {
        let files = Self.model.merging(["sql/odd.sql": "SELECT 1;\ndfs -rm -r /tmp/x"]) { $1 }
        var command = PlanBuilder.task("sql/dim.sql", line: 4)
        command.work = .command(["python3", "x.py"])
        let step = tables(PlanBuilder.step(0, "model", [[
            PlanBuilder.task("sql/odd.sql", line: 2), PlanBuilder.task("sql/fact.sql", line: 3), command,
        ]], line: 1))
        let report = PipelineChecker(readFile: PlanBuilder.reader(files)).check(PlanBuilder.plan([step]).inferringTables { files[$0] })
        #expect(report.diagnostics.map(\.description) == [
            "sql/odd.sql:2:1: info: barrier in table order: dfs acts outside the tables; the tasks before it finish first and those after it wait [check.barrier]",
            "check.pipe:4:5: info: barrier in table order: a command: what it reads and writes is not known; the tasks before it finish first and those after it wait [check.barrier]",
        ])
        #expect(report.diagnostics[0].notes == ["declare what the task reads and writes to lift it: reads=[\"db.table\", ...] writes=[...]"])
        // Declared: no barrier.
        var declared = command
        declared.declared = DeclaredTables(reads: ["m.fact"])
        let lifted = tables(PlanBuilder.step(0, "model", [[PlanBuilder.task("sql/fact.sql", line: 3), declared]], line: 1))
        #expect(check(files, [lifted]) == [])
    }

    @Test func aReadThatWouldCloseACycleKeepsItsFileOrderAndSaysSo() {
        let files = ["sql/a.sql": "INSERT INTO m.u SELECT * FROM m.t", "sql/b.sql": "INSERT INTO m.t SELECT * FROM m.u"]
        let step = tables(PlanBuilder.step(0, "s", [[PlanBuilder.task("sql/a.sql", line: 1), PlanBuilder.task("sql/b.sql", line: 2)]], line: 1))
        #expect(check(files, [step]) == [
            "sql/a.sql:1:31: warning: reads table 'm.t', which sql/b.sql writes later at sql/b.sql:1:13, but that task already waits for this one: file order kept, the old 'm.t' is read [check.kept-file-order]",
        ])
    }

    @Test func aBarrierReasonNeverShowsASecret() {
        let files = ["sql/a.sql": "OPTIMIZE ${hivevar:pw}", "sql/b.sql": "SELECT 1"]
        var a = PlanBuilder.task("sql/a.sql", hivevars: [KeyValue("pw", "hunter2", isSecret: true)], line: 1)
        a.key = "a"
        let step = tables(PlanBuilder.step(0, "s", [[a, PlanBuilder.task("sql/b.sql", line: 2)]], line: 1))
        var plan = PlanBuilder.plan([step]).inferringTables { files[$0] }
        plan.variables = [ResolvedVariable(name: "pw", value: "hunter2", source: .commandLine, isSecret: true)]
        let report = PipelineChecker(readFile: PlanBuilder.reader(files)).check(plan)
        #expect(report.diagnostics.map(\.message) == ["barrier in table order: statement 'OPTIMIZE ****' is not understood; the tasks before it finish first and those after it wait"])
    }

    @Test func readsOfTablesALaterStepWritesAreStillReported() {
        let step = tables(PlanBuilder.step(0, "model", [[PlanBuilder.task("sql/fact.sql", line: 1)]], line: 1))
        let later = PlanBuilder.step(1, "late", [[PlanBuilder.task("sql/dim.sql", line: 2)]], line: 2)
        #expect(check(Self.model, [step, later]) == [
            "sql/fact.sql:2:15: warning: read before write: table 'm.dim' is written later, by step 'late' at sql/dim.sql:1:14 [check.read-before-write]",
        ])
    }
}
