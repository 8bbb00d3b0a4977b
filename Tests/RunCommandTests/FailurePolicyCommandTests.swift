import Foundation
import Testing
import TestSupport

/// The built binary on `Tests/Fixtures/run/failure-policies.pipe`: a development run (EMR's ActionOnFailure
/// CONTINUE) whose step failed goes on but ends FAILED at the first failed step, exit 1, never COMPLETED; the
/// non-critical steps' failures (on_failure ignore) are recorded and fail nothing.
@Suite struct FailurePolicyCommandTests {
    static let pipeline = CLI.root.appendingPathComponent("Tests/Fixtures/run/failure-policies.pipe").path

    func record(_ cli: CLI) async throws -> [String: Any] {
        let status = try await cli.run(["status", "--correlation-id", "c1", "--format", "json"])
        #expect(status.status == 0, "\(status.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
    }

    /// The steps that started at least one task, in order (the stub records each task's key, `<step>/...`).
    func stepsStarted(_ cli: CLI) throws -> [String] {
        var steps: [String] = []
        for key in try cli.started() {
            let step = String(key.prefix { $0 != "/" })
            if steps.last != step { steps.append(step) }
        }
        return steps
    }

    @Test func developmentGoesOnButEndsFailedAtTheFirstFailedStepThenResumesThere() async throws {
        let cli = try CLI()
        let arguments = cli.runArguments(["--profile", "development"], pipeline: Self.pipeline)
        let failed = try await cli.run(arguments, environment: ["STUB_FAIL": "model_work"])
        #expect(failed.status == 1, "\(failed.stderr)")
        #expect(failed.stdout.contains("run c1/PDM Run_Id 1: FAILED at step 'model' in "))
        #expect(!failed.stdout.contains("COMPLETED"))
        // CONTINUE: the steps after the failure ran; the ignored step ran both its tasks.
        #expect(try stepsStarted(cli) == ["courtesy-flush", "transform", "model", "views", "create-views-tables", "flush-s3"])
        #expect(Set(try cli.started().filter { $0.hasPrefix("courtesy-flush/") }).count == 2)
        #expect(Set(try cli.started().filter { $0.hasPrefix("flush-s3/") }).count == 2)
        let first = try await record(cli)
        #expect(first["Status"] as? String == "FAILED")
        #expect(first["CurrentStep"] as? String == "model")
        #expect((first["Failure_Reason"] as? String)?.hasPrefix("task model/") == true)
        #expect(first["Continued_Failures"] as? [String] == ["courtesy-flush", "flush-s3"])

        try FileManager.default.removeItem(at: cli.record)
        let resumed = try await cli.run(arguments)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("resuming run 1 at step 'model'\n"))
        #expect(try stepsStarted(cli) == ["model", "views", "create-views-tables", "flush-s3"])
        #expect(resumed.stdout.contains("run c1/PDM Run_Id 2: COMPLETED (failed, ignored: flush-s3) in "))
        let second = try await record(cli)
        #expect(second["Status"] as? String == "COMPLETED")
        #expect(second["CurrentStep"] as? String == "create-views-tables")
        #expect(second["Run_Id"] as? Int == 2)
    }

    /// Only non-critical steps failed: the run is COMPLETED, exit 0, the failures listed.
    @Test func failuresOfNonCriticalStepsAreRecordedAndTheRunCompletes() async throws {
        let cli = try CLI()
        let run = try await cli.run(cli.runArguments(["--profile", "development"], pipeline: Self.pipeline))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("run c1/PDM Run_Id 1: COMPLETED (failed, ignored: courtesy-flush, flush-s3) in "))
        let record = try await record(cli)
        #expect(record["Status"] as? String == "COMPLETED")
        #expect(record["CurrentStep"] as? String == "create-views-tables")
        #expect(record["Continued_Failures"] as? [String] == ["courtesy-flush", "flush-s3"])
    }

    /// Outside development a failure stops the pipeline: the later steps are skipped, the flush still runs.
    @Test func productionStopsAtTheFailure() async throws {
        let cli = try CLI()
        let run = try await cli.run(cli.runArguments(["--profile", "production"], pipeline: Self.pipeline), environment: ["STUB_FAIL": "model_work"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(try stepsStarted(cli) == ["courtesy-flush", "transform", "model", "flush-s3"])
        #expect(run.stdout.contains("after failure of step 'model'"))
        #expect(try await record(cli)["CurrentStep"] as? String == "model")
    }
}
