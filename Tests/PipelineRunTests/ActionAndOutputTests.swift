import PipelineDSL
import Foundation
import PipelinePlan
import PipelineState
import Testing
@testable import PipelineRun

func action(_ key: String, _ name: String, _ arguments: [KeyValue]) -> PlanTask {
    PlanTask(key: key, work: .action(name: name, arguments: arguments), engine: .hive, hivevars: [], hiveconf: [], location: here)
}

@Suite struct ActionAndOutputTests {
    @Test func sleepActionUsesTheInjectedClock() async throws {
        let sandbox = try Sandbox()
        let sleeps = FakeSleeps()
        let p = plan([step(0, "flush", waves: [[action("wait", "sleep", [KeyValue("duration", "3m")])]])])
        let summary = await runner(sandbox, reporter: Recorder(), clock: sleeps.clock()).run(p, options: sandbox.options())
        #expect(summary.exitCode == .success)
        #expect(sleeps.durations == [.seconds(180)])
    }

    @Test func unregisteredActionFailsWithOneClearLineAndNoRetry() async throws {
        let sandbox = try Sandbox()
        let p = plan([step(0, "metrics", waves: [[action("start", "metrics.export-start", [])]], attempts: 5)])
        let summary = await runner(sandbox, reporter: Recorder(), clock: FakeSleeps().clock()).run(p, options: sandbox.options())
        #expect(summary.exitCode == .stepFailed)
        #expect(summary.steps.first?.status == .failed(
            "task start failed: action 'metrics.export-start' is not available in this build (no implementation registered)", ignored: false))
        #expect(summary.steps.first?.retries == 0)
    }

    @Test func registeredActionsAreCalledWithTheirArguments() async throws {
        let sandbox = try Sandbox()
        let seen = FakeSleeps()
        var actions = ActionRegistry.builtins
        actions.register("pushgateway.wipe") { context in
            try await context.clock.sleep(.seconds(Int64(context.argument("n") ?? "0")!))
        }
        let p = plan([step(0, "s", waves: [[action("wipe", "pushgateway.wipe", [KeyValue("n", "7")])]])])
        let summary = await runner(sandbox, reporter: Recorder(), clock: seen.clock(), actions: actions).run(p, options: sandbox.options())
        #expect(summary.exitCode == .success)
        #expect(seen.durations == [.seconds(7)])
    }

    @Test func badSleepDurationFails() async throws {
        let sandbox = try Sandbox()
        let p = plan([step(0, "s", waves: [[action("w", "sleep", [KeyValue("duration", "soon")])]])])
        let summary = await runner(sandbox, reporter: Recorder(), clock: FakeSleeps().clock()).run(p, options: sandbox.options())
        #expect(summary.steps.first?.status == .failed(
            "task w failed: action sleep: 'soon' is not a duration (e.g. 250ms, 5s, 2m, 1h30m)", ignored: false))
    }

    @Test func failureNamesTheLogFileAndPrintsItsLastLines() async throws {
        let sandbox = try Sandbox()
        let reporter = Recorder()
        let p = plan([step(0, "model", waves: [[task("bad", "-- stub: fail always")]])])
        _ = await runner(sandbox, reporter: reporter).run(p, options: sandbox.options())
        let log = sandbox.logs.appendingPathComponent("corr-1-run1/01-model/001-statement.log").path
        let failure = try #require(reporter.lines.first { $0.hasPrefix("error: task bad") })
        #expect(failure == """
            error: task bad failed after 1 attempt(s): exit code 1
              log: \(log)
              last 2 line(s):
                | stub-engine: running statement (attempt 1)
                | stub-engine: FAILED: always
            """)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.hasPrefix("=== attempt 1/1 at "))
        #expect(text.contains(#": \#(stubEngine) --hivevar k=v -e $'-- bad\n-- stub: fail always'"# + "\nstub-engine: running"))
    }

    @Test func secretsAreMaskedInLogs() async throws {
        let sandbox = try Sandbox()
        let p = plan([step(0, "s", waves: [[task("t", "select 's3cr3t'")]])], secrets: ["s3cr3t"])
        _ = await runner(sandbox, reporter: Recorder()).run(p, options: sandbox.options())
        let log = try String(contentsOf: sandbox.logs.appendingPathComponent("corr-1-run1/01-s/001-statement.log"), encoding: .utf8)
        #expect(log.contains(#"-e $'-- t\nselect \'****\''"# + "\n"))
        #expect(!log.contains("s3cr3t"))
    }

    @Test func missingEngineIsReportedBeforeAnythingStarts() async throws {
        let sandbox = try Sandbox()
        var p = plan([step(0, "s", waves: [[task("t")]])])
        p.engines.hiveCommand = ["no-such-hive-here"]
        let summary = await runner(sandbox, reporter: Recorder()).run(p, options: sandbox.options())
        #expect(summary.exitCode == .engineNotFound)
        #expect(summary.failure == "executable 'no-such-hive-here' not found in PATH (needed by step 's'); use --hive-command PATH or `hive { command ... }`")
        #expect(try await sandbox.store.read(RunKey(correlationID: "corr-1", product: "PDM")) == nil)
    }

    @Test func preflightFailureIsRecordedBeforeAnyStep() async throws {
        let sandbox = try Sandbox()
        var runner = runner(sandbox, reporter: Recorder())
        runner.preflight = { _ throws(RunError) in throw .preflightFailed(reason: "metastore: cannot connect to db:3306", exitCode: .metastoreUnreachable) }
        let summary = await runner.run(plan([step(0, "s", waves: [[task("t")]])]), options: sandbox.options())
        #expect(summary.exitCode == .metastoreUnreachable)
        #expect(summary.failure == "metastore: cannot connect to db:3306")
        #expect(summary.steps.isEmpty)
        let record = try #require(try await sandbox.store.read(RunKey(correlationID: "corr-1", product: "PDM")))
        #expect(record.status == .failed)
        #expect(record.failureReason == "metastore: cannot connect to db:3306")
        // No step started, so a rerun starts from the beginning.
        #expect(record.currentStep == nil)
    }

    @Test func durations() {
        #expect(DurationSyntax.seconds("250ms") == 0.25)
        #expect(DurationSyntax.seconds("1h30m") == 5400)
        #expect(DurationSyntax.seconds("12") == 12)
        #expect(DurationSyntax.seconds("5x") == nil)
        #expect(DurationSyntax.seconds("") == nil)
        #expect(DurationText.format(252) == "4m12s")
        #expect(DurationText.format(0.25) == "250ms")
        #expect(DurationText.format(1.25) == "1.2s")
    }
}
