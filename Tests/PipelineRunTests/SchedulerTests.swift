import Foundation
import PipelinePlan
import PipelineState
import Testing
@testable import PipelineRun

@Suite struct SchedulerTests {
    @Test func stepsAndWavesRunInOrderWithBarriers() async throws {
        let sandbox = try Sandbox()
        let p = plan([
            step(0, "first", waves: [
                [task("a1", "-- stub: sleep 0.3"), task("a2", "-- stub: sleep 0.1"), task("a3")],
                [task("b1"), task("b2", "-- stub: sleep 0.2")],
            ]),
            step(1, "second", waves: [[task("c1")]]),
        ])
        let summary = await runner(sandbox, reporter: Recorder()).run(p, options: sandbox.options())
        #expect(summary.exitCode == .success)
        let events = try sandbox.events()
        func time(_ kind: String, _ task: String) throws -> Double { try #require(events.first { $0.kind == kind && $0.task == task }).time }
        let firstWaveEnd = try ["a1", "a2", "a3"].map { try time("end", $0) }.max()!
        let secondWaveStart = try ["b1", "b2"].map { try time("start", $0) }.min()!
        #expect(firstWaveEnd <= secondWaveStart)
        #expect(try ["b1", "b2"].map { try time("end", $0) }.max()! <= (try time("start", "c1")))
        #expect(Set(try sandbox.started()) == ["a1", "a2", "a3", "b1", "b2", "c1"])
        #expect(summary.steps.map(\.status) == [.completed, .completed])
        #expect(summary.steps.map(\.tasksRun) == [5, 1])
        let record = try #require(try await sandbox.store.read(RunKey(correlationID: "corr-1", product: "PDM")))
        #expect(record.status == .completed)
        #expect(record.currentStep == "second")
        #expect(record.runID == 1)
    }

    @Test func parallelismLimitsTasksRunningAtOnce() async throws {
        let sandbox = try Sandbox()
        let tasks = (1...6).map { task("t\($0)", "-- stub: sleep 0.3") }
        let summary = await runner(sandbox, reporter: Recorder()).run(plan([step(0, "s", waves: [tasks], parallelism: 2)]), options: sandbox.options())
        #expect(summary.exitCode == .success)
        var running = 0
        var peak = 0
        for event in try sandbox.events().sorted(by: { $0.time < $1.time }) {
            running += event.kind == "start" ? 1 : -1
            peak = max(peak, running)
        }
        #expect(peak == 2)
        #expect(try sandbox.started().count == 6)
    }

    @Test func failingTaskStopsNewLaunchesButRunningTasksFinish() async throws {
        let sandbox = try Sandbox()
        let marker = sandbox.root.appendingPathComponent("bad-finished").path
        let p = plan([
            // slow ends only after the runner has reported bad finished (failed), whatever the load: so its slot
            // frees while the step is failing, and nothing new may start in it.
            step(0, "load", waves: [[
                task("slow", "-- stub: wait-for \(marker)"),
                task("bad", "-- stub: fail always"), task("never"), task("never2"),
            ]], parallelism: 2),
            step(1, "later", waves: [[task("skipped")]]),
            step(2, "flush", waves: [[task("flushed")]], always: true),
        ])
        let reporter = Recorder { key in
            if key == "bad" { FileManager.default.createFile(atPath: marker, contents: nil) }
        }
        let summary = await runner(sandbox, reporter: reporter).run(p, options: sandbox.options())
        #expect(summary.exitCode == .stepFailed)
        #expect(Set(try sandbox.started()) == ["slow", "bad", "flushed"])
        // The slow task was allowed to finish.
        #expect(try sandbox.events().contains { $0.kind == "end" && $0.task == "slow" })
        #expect(summary.steps.map(\.status) == [
            .failed("task bad failed: exit code 1", ignored: false),
            .skipped("after failure of step 'load'"),
            .completed,
        ])
        #expect(summary.failedStep == "load")
        let record = try #require(try await sandbox.store.read(RunKey(correlationID: "corr-1", product: "PDM")))
        #expect(record.status == .failed)
        #expect(record.currentStep == "load")
        #expect(record.failureReason == "task bad failed: exit code 1")
        #expect(reporter.lines.contains("step later: skipped (after failure of step 'load')"))
    }

    /// EMR's ActionOnFailure CONTINUE (the development profile): the later steps run, but the run ends FAILED at
    /// the first failed step, as the original recorded it; never COMPLETED with exit 0. A rerun resumes there.
    @Test func continueStepGoesOnButTheRunEndsFailedAtTheFirstFailedStep() async throws {
        let sandbox = try Sandbox()
        let p = plan([
            step(0, "transform", waves: [[task("t")]], onFailure: .continue),
            step(1, "model", waves: [[task("bad", "-- stub: fail always"), task("m2")]], parallelism: 1, onFailure: .continue),
            step(2, "views", waves: [[task("bad2", "-- stub: fail always")]], onFailure: .continue),
            step(3, "create-views-tables", waves: [[task("cvt")]], onFailure: .continue),
            step(4, "flush", waves: [[task("flushed")]], always: true),
        ])
        let summary = await runner(sandbox, reporter: Recorder()).run(p, options: sandbox.options())
        #expect(summary.exitCode == .stepFailed)
        #expect(summary.status == .failed)
        #expect(summary.failedStep == "model")
        // The failing step stops launching its own tasks (m2); the later steps all run.
        #expect(try sandbox.started() == ["t", "bad", "bad2", "cvt", "flushed"])
        #expect(summary.steps.map(\.status) == [
            .completed, .failed("task bad failed: exit code 1", ignored: false), .failed("task bad2 failed: exit code 1", ignored: false),
            .completed, .completed,
        ])
        let record = try #require(try await sandbox.store.read(key))
        #expect(record.status == .failed)
        #expect(record.currentStep == "model")
        #expect(record.failureReason == "task bad failed: exit code 1")
        #expect(record.continuedFailures == ["views"])
        #expect(summary.text.contains("run corr-1/PDM Run_Id 1: FAILED at step 'model' in "))

        try FileManager.default.removeItem(at: sandbox.record)
        let fixed = plan([
            step(0, "transform", waves: [[task("t")]], onFailure: .continue),
            step(1, "model", waves: [[task("bad"), task("m2")]], parallelism: 1, onFailure: .continue),
            step(2, "views", waves: [[task("bad2")]], onFailure: .continue),
            step(3, "create-views-tables", waves: [[task("cvt")]], onFailure: .continue),
            step(4, "flush", waves: [[task("flushed")]], always: true),
        ])
        let resumed = await runner(sandbox, reporter: Recorder()).run(fixed, options: sandbox.options())
        #expect(resumed.exitCode == .success)
        #expect(resumed.runID == 2)
        #expect(try sandbox.started() == ["bad", "m2", "bad2", "cvt", "flushed"])
        let done = try #require(try await sandbox.store.read(key))
        #expect(done.status == .completed)
        #expect(done.currentStep == "create-views-tables")
    }

    /// A non-critical step (`on_failure ignore`: metrics, flushes, the initial load): every task of it runs, its
    /// failure is recorded in Continued_Failures, and the run completes. Also under a `continue` policy.
    @Test func ignoredStepRunsEveryTaskRecordsItsFailureAndTheRunCompletes() async throws {
        let sandbox = try Sandbox()
        let p = plan([
            step(0, "initial", waves: [[task("bad", "-- stub: fail always"), task("after")], [task("bad2", "-- stub: fail always")]],
                 parallelism: 1, onFailure: .ignore),
            step(1, "next", waves: [[task("ok")]], onFailure: .continue),
            step(2, "flush", waves: [[task("flushed", "-- stub: fail always")]], always: true, onFailure: .ignore),
        ])
        let reporter = Recorder()
        let summary = await runner(sandbox, reporter: reporter).run(p, options: sandbox.options())
        #expect(summary.exitCode == .success)
        #expect(summary.status == .completed)
        #expect(summary.steps.map(\.status) == [
            .failed("task bad failed: exit code 1 (and 1 more task(s) failed)", ignored: true), .completed,
            .failed("task flushed failed: exit code 1", ignored: true),
        ])
        #expect(try sandbox.started() == ["bad", "after", "bad2", "ok", "flushed"])
        let record = try #require(try await sandbox.store.read(key))
        #expect(record.status == .completed)
        #expect(record.currentStep == "next")
        #expect(record.continuedFailures == ["initial", "flush"])
        #expect(record.failureReason == nil)
        #expect(reporter.lines.contains("step initial: failed, ignored (on_failure ignore): task bad failed: exit code 1 (and 1 more task(s) failed)"))
        #expect(summary.text.hasSuffix("run corr-1/PDM Run_Id 1: COMPLETED (failed, ignored: initial, flush) in \(DurationText.format(summary.seconds)), exit 0; logs in \(sandbox.logs.path)/corr-1-run1"))
    }

    @Test func failingAlwaysStepAfterAFailureKeepsTheFirstFailure() async throws {
        let sandbox = try Sandbox()
        let p = plan([
            step(0, "model", waves: [[task("bad", "-- stub: fail always")]]),
            step(1, "flush", waves: [[task("flush-bad", "-- stub: fail always")]], always: true),
        ])
        let summary = await runner(sandbox, reporter: Recorder()).run(p, options: sandbox.options())
        #expect(summary.exitCode == .stepFailed)
        #expect(summary.failedStep == "model")
        let record = try #require(try await sandbox.store.read(RunKey(correlationID: "corr-1", product: "PDM")))
        #expect(record.status == .failed)
        #expect(record.currentStep == "model")
    }

    @Test func skippedDispositionsAreReportedWithTheirReason() async throws {
        let sandbox = try Sandbox()
        let p = plan([
            step(0, "cond", waves: [[task("x")]], disposition: .skippedCondition("initial_load (false)")),
            step(1, "sel", waves: [[task("y")]], disposition: .skippedSelection("before --from model")),
            step(2, "model", waves: [[task("z")]]),
        ])
        let summary = await runner(sandbox, reporter: Recorder()).run(p, options: sandbox.options())
        #expect(summary.steps.map(\.status) == [.skipped("condition false: initial_load (false)"), .skipped("before --from model"), .completed])
        #expect(try sandbox.started() == ["z"])
    }

    @Test func hiveArgvIsPassedAsAnArray() async throws {
        let sandbox = try Sandbox()
        let p = plan([step(0, "s", waves: [[task("t", "select '$HOME; rm -rf /'")]])])
        _ = await runner(sandbox, reporter: Recorder()).run(p, options: sandbox.options())
        let argv = try String(contentsOf: sandbox.record, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("argv ") }
        #expect(argv == ["argv --hivevar k=v -e -- t\\nselect '$HOME; rm -rf /'"])
    }
}

@Suite struct EngineArgvTests {
    @Test func beelineTaskGetsUserPasswordFileAndVariablesNeverAPassword() async throws {
        let sandbox = try Sandbox()
        var p = plan([step(0, "s", waves: [[
            PlanTask(key: "b", work: .hqlFile(path: "/sql/x.sql", relative: "x.sql"), engine: .beeline,
                     hivevars: [KeyValue("db", "uc")], hiveconf: [KeyValue("hive.exec.parallel", "true")], location: here),
        ]], parallelism: 1)])
        p.engines.beelineCommand = [stubEngine]
        p.engines.jdbcURL = "jdbc:hive2://127.0.0.1:1/default"
        p.engines.beelinePasswordFile = "/etc/pdm/beeline.password"
        let summary = await runner(sandbox, reporter: Recorder()).run(p, options: sandbox.options())
        // The SQL file does not exist, so the stub exits 3; the log shows the argv it was given.
        #expect(summary.steps.first?.status == .failed("task b failed: exit code 3", ignored: false))
        let log = try String(contentsOf: sandbox.logs.appendingPathComponent("corr-1-run1/01-s/001-x.sql.log"), encoding: .utf8)
        #expect(log.contains(": \(stubEngine) -u jdbc:hive2://127.0.0.1:1/default -n hadoop -w /etc/pdm/beeline.password --hiveconf hive.exec.parallel=true --hivevar db=uc -f /sql/x.sql\n"))
    }

    @Test func commandTaskRunsDirectly() async throws {
        let sandbox = try Sandbox()
        let p = plan([step(0, "s", waves: [[
            PlanTask(key: "c", work: .command([stubEngine, "-e", "-- direct"]), engine: .hive, hivevars: [], hiveconf: [], location: here),
        ]])])
        let summary = await runner(sandbox, reporter: Recorder()).run(p, options: sandbox.options())
        #expect(summary.exitCode == .success)
        let argv = try String(contentsOf: sandbox.record, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("argv ") }
        #expect(argv == ["argv -e -- direct"])
    }
}
