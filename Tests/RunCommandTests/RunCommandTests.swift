import Foundation
import Testing
import TestSupport

@Suite struct RunCommandTests {
    @Test func runThenStatusThenRefusal() async throws {
        let cli = try CLI()
        let first = try await cli.run(cli.runArguments())
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("run c1/PDM Run_Id 1: COMPLETED in "))
        #expect(try cli.started().count == 5)

        let status = try await cli.run(["status", "--correlation-id", "c1"])
        #expect(status.status == 0)
        // The trailing `always` step (flush) is bookkeeping: a COMPLETED record names the work's last step.
        #expect(status.stdout.contains("Run_Id                        1\nStatus                        COMPLETED\nCurrentStep                   hang\n"))

        let json = try await cli.run(["status", "--correlation-id", "c1", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["Status"] as? String == "COMPLETED")
        #expect(object["Run_Id"] as? Int == 1)
        #expect(object["Correlation_Id"] as? String == "c1")

        let again = try await cli.run(cli.runArguments())
        #expect(again.status == 3)
        #expect(again.stderr.hasSuffix("error: run c1/PDM already COMPLETED (Run_Id 1); use --force to run it again\n"))
    }

    @Test func failureThenResumeAtTheFailedStep() async throws {
        let cli = try CLI()
        let failed = try await cli.run(cli.runArguments(), environment: ["STUB_FAIL": "b.2"])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("error: task model/model/b.2.sql failed after 2 attempt(s): exit code 1\n  log: \(cli.folder.path)/logs/c1-run1/02-model/002-model_b.2.sql.log\n"))
        #expect(failed.stderr.contains("    | stub-engine: failing on 'b.2'\n"))
        #expect(failed.stdout.contains("run c1/PDM Run_Id 1: FAILED at step 'model'"))
        let status = try await cli.run(["status", "--correlation-id", "c1"])
        #expect(status.stdout.contains("Status                        FAILED\nCurrentStep                   model\n"))

        try FileManager.default.removeItem(at: cli.record)
        let resumed = try await cli.run(cli.runArguments())
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("resuming run 1 at step 'model'\n"))
        #expect(resumed.stdout.contains("create  skipped     completed in run 1\n"))
        #expect(!(try cli.started()).contains { $0.hasPrefix("create/") })
        #expect(resumed.stdout.contains("run c1/PDM Run_Id 2: COMPLETED"))
    }

    /// Recorded FAILED by default, as the original recorded a cancelled step; CANCELLED with --record-cancelled.
    @Test(arguments: [(SIGTERM, Int32(143), "SIGTERM", false), (SIGINT, Int32(130), "SIGINT", false), (SIGTERM, Int32(143), "SIGTERM", true)])
    func signalCancelsTheRunAndLeavesNoChild(signal: Int32, code: Int32, name: String, recordCancelled: Bool) async throws {
        let cli = try CLI()
        let flag = recordCancelled ? ["--record-cancelled"] : []
        let (process, out, err) = try cli.start(cli.runArguments(["--var", "hang_mode=hang"] + flag))
        // create (1) + model (3) + the hanging stub and its `sleep 1000` (2).
        for _ in 0..<3600 where try cli.recordedPIDs().count < 6 { try await Task.sleep(for: .milliseconds(50)) }
        let children = try cli.recordedPIDs()
        #expect(children.count == 6)
        kill(process.processIdentifier, signal)
        let stdout = await Command.finish(process, stdout: out, stderr: err).stdout
        #expect(process.terminationStatus == code)
        #expect(stdout.contains("run c1/PDM Run_Id 1: CANCELLED (interrupted by \(name))\(recordCancelled ? "" : ", recorded FAILED") in "))
        #expect(await Processes.survivors(of: children) == [])
        let status = try await cli.run(["status", "--correlation-id", "c1"])
        let recorded = recordCancelled ? "CANCELLED" : "FAILED"
        #expect(status.stdout.contains("Status                        \(recorded)\nCurrentStep                   hang\n"))
        #expect(status.stdout.contains("Failure_Reason                \(recordCancelled ? "" : "cancelled: ")interrupted by \(name)\n"))
        // Either way the rerun resumes at the step that was running.
        let resumed = try await cli.run(cli.runArguments())
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("resuming run 1 at step 'hang'\n"))
        #expect(resumed.stdout.contains("run c1/PDM Run_Id 2: COMPLETED"))
    }

    @Test func secondRunnerIsRefusedWhileTheFirstHoldsTheLease() async throws {
        let cli = try CLI()
        let (process, out, err) = try cli.start(cli.runArguments(["--var", "hang_mode=hang"]))
        for _ in 0..<3600 where try cli.recordedPIDs().count < 6 { try await Task.sleep(for: .milliseconds(50)) }
        let second = try await cli.run(cli.runArguments())
        #expect(second.status == 3)
        #expect(second.stderr.contains("error: run c1/PDM is IN_PROGRESS (Run_Id 1) by "))
        #expect(second.stderr.hasSuffix("; use --takeover if that runner is dead\n"))
        kill(process.processIdentifier, SIGTERM)
        _ = await Command.finish(process, stdout: out, stderr: err)
        #expect(process.terminationStatus == 143)
    }

    @Test func missingEngineExitsSix() async throws {
        let cli = try CLI()
        let result = try await cli.run(["run", CLI.pipeline, "--correlation-id", "c1", "--hive-command", "/nonexistent/hive"])
        #expect(result.status == 6)
        #expect(result.stderr == "error: executable '/nonexistent/hive' not found in PATH (needed by step 'create'); use --hive-command PATH or `hive { command ... }`\n")
    }

    @Test func statusWithoutRecordAndWithCorruptRecord() async throws {
        let cli = try CLI()
        let none = try await cli.run(["status", "--correlation-id", "nope"])
        #expect(none.status == 1)
        #expect(none.stderr == "error: no run recorded for nope/PDM in the local store .pdm-state\n")
        let folder = cli.folder.appendingPathComponent("states")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("{".utf8).write(to: folder.appendingPathComponent("bad__PDM.json"))
        let corrupt = try await cli.run(["status", "--correlation-id", "bad", "--state-dir", folder.path])
        #expect(corrupt.status == 5)
        #expect(corrupt.stderr == "error: \(folder.path)/bad__PDM.json: corrupt state record: not valid JSON; fix or remove it by hand\n")
        let run = try await cli.run(cli.runArguments(["--state-dir", folder.path], correlationID: "bad"))
        #expect(run.status == 5)
    }
}
