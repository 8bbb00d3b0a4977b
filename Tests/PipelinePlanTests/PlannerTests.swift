import Foundation
import PipelineDSL
import Testing
import TestSupport

@testable import PipelinePlan

/// The planner on `Tests/Fixtures/plan/demo.pipe` (its own small SQL tree).
@Suite struct PlannerTests {
    static let root = LiveServer.repositoryRoot.path
    static let demo = root + "/Tests/Fixtures/plan/demo.pipe"

    func plan(_ configure: (inout PlanRequest) -> Void = { _ in }) throws -> Plan {
        var request = PlanRequest(PlanArguments(file: Self.demo, correlationID: "c1"), today: "2026-11-21")
        configure(&request)
        return try Planner.plan(request).plan
    }

    func errors(_ configure: (inout PlanRequest) -> Void) -> [String] {
        var request = PlanRequest(PlanArguments(file: Self.demo), today: "2026-11-21")
        configure(&request)
        do {
            _ = try Planner.plan(request)
            return []
        } catch {
            guard case .invalid(let diagnostics, _) = error else { return ["\(error)"] }
            return diagnostics.map { $0.message + $0.notes.map { " | " + $0 }.joined() }
        }
    }

    @Test func stepsWavesAndTasksInOrderWithSortedGlobs() throws {
        let p = try plan()
        #expect(p.steps.map(\.name) == ["create", "load", "model", "materialise", "flush"])
        #expect(p.steps.allSatisfy { $0.disposition == .run })
        let model = try #require(p.step(named: "model"))
        #expect(model.waves.map(\.name) == ["first", "rest"])
        // Bytewise order, `**` spans folders, the exclude removes sanction.2.sql.
        #expect(model.waves[1].tasks.map(\.key) == ["model/model/Upper.2.sql", "model/model/deep/x.2.sql", "model/model/z.2.sql"])
        #expect(p.step(named: "load")!.tasks.map(\.key) == ["load/model/a.1.sql", "load/model/b.1.sql", "load/model/site_dim.1.sql"])
    }

    @Test func settingsLayerPipelineProfileStep() throws {
        let base = try plan()
        #expect(base.steps[0].parallelism == 5)
        #expect(base.steps[0].retry == RetryPolicy(attempts: 3, delaySeconds: 2))
        #expect(base.steps[0].timeoutSeconds == 600)
        #expect(base.step(named: "load")!.onFailure == .continue)
        #expect(base.step(named: "load")!.resume == .task)
        #expect(base.step(named: "flush")!.always)
        let prod = try plan { $0.profile = "prod" }
        #expect(prod.profile == "prod")
        #expect(prod.steps[0].parallelism == 30)
        #expect(prod.steps[0].retry == RetryPolicy(attempts: 12, delaySeconds: 2, backoff: .exponential, maxDelaySeconds: 60))
        #expect(prod.step(named: "load")!.disposition == .skippedCondition("load is false (load = false)"))
    }

    @Test func hivevarsAndHiveconfInheritInnerReplacesOuterInPlace() throws {
        let p = try plan { $0.profile = "prod" }
        let rest = p.step(named: "model")!.waves[1].tasks[0]
        #expect(rest.hivevars == [KeyValue("db", "uc_model")])
        #expect(rest.hiveconf == [KeyValue("hive.exec.parallel", "true"), KeyValue("hive.root.logger", "DEBUG,console")])
        #expect(p.step(named: "create")!.tasks[0].hivevars == [KeyValue("db", "uc_prod")])
    }

    @Test func variablesRecordValueAndOrigin() throws {
        let p = try plan {
            $0.profile = "prod"
            $0.environment = ["DEMO_BUCKET": "from-env"]
            $0.variables = [KeyValue("s3_prefix", "2026/11")]
        }
        func variable(_ name: String) -> ResolvedVariable? { p.variables.first { $0.name == name } }
        #expect(variable("bucket")?.value == "from-env")
        #expect(variable("bucket")?.source == .environment("DEMO_BUCKET"))
        #expect(variable("s3_prefix")?.source == .commandLine)
        #expect(variable("data_path")?.value == "s3://from-env/2026/11")
        #expect(variable("correlation_id")?.source == .runParameter)
        #expect(variable("load")?.source == .profile("prod", SourceLocation(file: Self.demo, line: 26, column: 7)))
        #expect(variable("export_date")?.value == "2026-11-21")
        #expect(variable("token")?.isSecret == true)
        #expect(p.run == RunParameters(correlationID: "c1", s3Prefix: "2026/11", snapshotType: "NOT_SET", exportDate: "2026-11-21"))
    }

    @Test func eachLineMakesOneScriptPerLine() throws {
        let tasks = try plan().step(named: "materialise")!.tasks
        #expect(tasks.map(\.key) == ["materialise/t=alpha", "materialise/t=beta"])
        #expect(tasks[1].work == .hqlStatement("DROP TABLE IF EXISTS uc.beta;\nCREATE TABLE uc.beta AS SELECT 's3cr3t-value' AS k;"))
        #expect(tasks[1].hivevars == [KeyValue("db", "uc"), KeyValue("table", "beta")])
        // The statement holds the secret `token`: it must run from a private file, not `-e`.
        #expect(tasks.allSatisfy { $0.statementIsSecret })
        #expect(try plan().step(named: "create")?.tasks.first?.statementIsSecret == false)
    }

    @Test func fromOnlyAndResumeDecideDispositions() throws {
        let from = try plan { $0.from = "model" }
        #expect(from.steps.map(\.disposition) == [.skippedSelection("before --from model"), .skippedSelection("before --from model"), .run, .run, .run])
        let only = try plan { $0.only = ["create", "flush"] }
        #expect(only.steps.map(\.disposition.willRun) == [true, false, false, false, true])
        let resumed = try plan().resumed(at: ResumePoint(previousRunID: 3, step: "load", completedTasks: ["load/model/b.1.sql"]))
        #expect(resumed.steps[0].disposition == .skippedCompleted(previousRunID: 3))
        #expect(resumed.step(named: "load")!.tasks.map(\.completedInPreviousRun) == [false, true, false])
    }

    @Test func commandLineEngineAndEngineSettings() throws {
        let p = try plan {
            $0.engine = .beeline
            $0.jdbcURL = "jdbc:hive2://127.0.0.1:1/default"
        }
        let task = p.steps[0].tasks[0]
        #expect(EngineCommand.argv(for: task, engines: p.engines) == [
            "beeline", "-u", "jdbc:hive2://127.0.0.1:1/default", "-n", "pdm", "-w", "/etc/pdm/pw",
            "--hiveconf", "hive.exec.parallel=true", "--hivevar", "db=uc", "-f", Self.root + "/Tests/Fixtures/plan/sql/db/create.sql",
        ])
        let laptop = try plan { $0.profile = "laptop" }
        #expect(laptop.steps[0].tasks[0].engine == .beeline)
        #expect(laptop.step(named: "flush")!.tasks[0].engine == .hive)
        #expect(laptop.step(named: "flush")!.tasks[0].work == .command(["aws", "s3", "rm", "s3://bucket-default/NOT_SET/metrics.json"]))
    }

    @Test func callerMistakesAreErrorsWithSuggestions() {
        #expect(errors { $0.profile = "prd" } == ["unknown profile 'prd' | did you mean 'prod'? | profiles in this file: prod, laptop"])
        #expect(errors { $0.variables = [KeyValue("bukket", "x")]; $0.correlationID = "c" } == ["--var bukket: no variable 'bukket' in this pipeline | did you mean 'bucket'?"])
        #expect(errors { $0.from = "modle"; $0.correlationID = "c" } == ["no step named 'modle' in this pipeline | did you mean 'model'? | steps: create, load, model, materialise, flush"])
        #expect(errors { $0.requireRunParameters = true } == ["missing run parameter 'correlation_id': pass --correlation-id VALUE"])
    }

    @Test func planWithoutCorrelationIdShowsAPlaceholder() throws {
        let p = try plan { $0.correlationID = nil }
        #expect(p.run.correlationID == "<correlation_id>")
    }
}
