import Foundation
import PipelineState
import Testing
import TestSupport

/// The argv the DWP EMR launcher builds: it appends `--correlation_id C --s3_prefix P --snapshot_type T
/// --export_date D` (underscores; `NOT_SET` for a value its trigger lacked) and sometimes `--skip_pdm_trigger V`.
@Suite struct LauncherArgumentsTests {
    let binary = Command.product("pdm-pipeline")
    let environment = ["PATH": "/usr/bin:/bin"]

    /// Today, UTC, as the planner's default export date.
    var today: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    func runLine(_ stdout: String) -> String? {
        stdout.split(separator: "\n").first { $0.hasPrefix("run correlation_id=") }.map(String.init)
    }

    @Test func underscoreSpellingsAreTheRunParameters() async throws {
        let r = try await Command.run(binary, [
            "plan", "pipelines/pdm.pipe", "--profile", "production",
            "--correlation_id", "c-42", "--s3_prefix", "2026/11/21", "--snapshot_type", "full", "--export_date", "2026-11-21",
        ], environment: environment)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(runLine(r.stdout) == "run correlation_id=c-42 s3_prefix=2026/11/21 snapshot_type=full export_date=2026-11-21")
    }

    @Test func notSetMeansTheDefaultOfAnAbsentFlag() async throws {
        // The local profile sets s3_prefix = "pdm-sample": NOT_SET must not override it; export_date is today.
        let r = try await Command.run(binary, [
            "plan", "pipelines/pdm.pipe",
            "--correlation_id", "c-1", "--s3_prefix", "NOT_SET", "--snapshot_type", "NOT_SET", "--export_date", "NOT_SET",
            "--skip_pdm_trigger", "NOT_SET",
        ], environment: environment)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(runLine(r.stdout) == "run correlation_id=c-1 s3_prefix=pdm-sample snapshot_type=NOT_SET export_date=\(today)")
    }

    @Test func notSetCorrelationIdIsMissingForRun() async throws {
        let r = try await Command.run(binary, [
            "run", "Tests/Fixtures/run/stub.pipe", "--correlation_id", "NOT_SET", "--s3_prefix", "NOT_SET",
            "--snapshot_type", "NOT_SET", "--export_date", "NOT_SET",
        ], environment: environment)
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: missing run parameter 'correlation_id': pass --correlation-id VALUE"))
    }

    @Test func aBadExportDateIsStillRefused() async throws {
        let r = try await Command.run(binary, ["plan", "pipelines/pdm.pipe", "--export_date", "21/11/2026"], environment: environment)
        #expect(r.status == 64)
        #expect(r.stderr.contains("--export-date takes YYYY-MM-DD, not '21/11/2026'"))
    }

    /// `run` and `status` with the launcher's exact tail, through the stub engine and the local store.
    @Test func runAcceptsTheLaunchersArgvAndRecordsTheDefaults() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-launcher-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let stub = LiveServer.repositoryRoot.appendingPathComponent("Tests/Fixtures/bin/stub-engine").path
        let state = directory.appendingPathComponent("state").path
        let run = try await Command.run(binary, [
            "run", "Tests/Fixtures/run/stub.pipe", "--hive-command", stub, "--state-dir", state,
            "--log-dir", directory.appendingPathComponent("logs").path,
            "--correlation_id", "launch-1", "--s3_prefix", "NOT_SET", "--snapshot_type", "incremental",
            "--export_date", "NOT_SET", "--skip_pdm_trigger", "true",
        ], environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        let status = try await Command.run(binary, ["status", "--correlation_id", "launch-1", "--state-dir", state, "--format", "json"], environment: environment)
        #expect(status.status == 0, "\(status.stderr)")
        let record = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        #expect(record?["Status"] as? String == "COMPLETED")
        #expect(record?["Date"] as? String == today)
        #expect(record?["S3_Prefix_Analytical_DataSet"] as? String == "NOT_SET")
        #expect(record?["Snapshot_Type"] as? String == "incremental")
    }
}
