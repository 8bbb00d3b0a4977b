import Foundation
import Testing
import TestSupport

/// Issue 12: `run` writes JSON lines by default when stderr is not a terminal (an EMR step log), with DWP's
/// common-logging fields; the summary table stays on stdout.
@Suite struct JSONLogsCommandTests {
    static let fields = [
        "timestamp", "log_level", "message", "process_id", "hostname", "environment", "application", "app_version",
        "component", "correlation_id",
    ]

    static func records(_ stderr: String) async throws -> [[String: Any]] {
        try stderr.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return try #require(object, "not a JSON object: \(line)")
        }
    }

    @Test func stderrThatIsNotATerminalGetsJSONLinesByDefault() async throws {
        let cli = try CLI()
        // "auto" is what an EMR step gets with no flag and no PDM_LOG_FORMAT (the test helpers ask for text).
        let result = try await cli.run(cli.runArguments(), environment: ["PDM_LOG_FORMAT": "auto"])
        #expect(result.status == 0, "\(result.stderr)")
        let records = try await Self.records(result.stderr)
        #expect(records.count >= 5)
        for record in records {
            for field in Self.fields { #expect(record[field] != nil, "\(field) missing in \(record)") }
            #expect(record["application"] as? String == "pdm_dataset_generator")
            #expect(record["correlation_id"] as? String == "c1")
        }
        #expect(records.contains { $0["step"] as? String == "model" })
        let last = try #require(records.last)
        #expect(last["status"] as? String == "COMPLETED")
        #expect(last["exit_code"] as? String == "0")
        #expect(result.stdout.contains("run c1/PDM Run_Id 1: COMPLETED in "))
    }

    @Test func theFlagWinsOverTheEnvironment() async throws {
        let cli = try CLI()
        let text = try await cli.run(cli.runArguments(["--log-format", "text"]), environment: ["PDM_LOG_FORMAT": "json"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(!text.stderr.hasPrefix("{"))
        let json = try CLI()
        let result = try await json.run(json.runArguments(["--log-format", "json"]))
        #expect(try await Self.records(result.stderr).count >= 5)
    }

    /// A failed run's last record is the error, at level ERROR, with the exit code: no bare `error:` text line.
    @Test func aFailedRunEndsWithAnErrorRecord() async throws {
        let cli = try CLI()
        let result = try await cli.run(cli.runArguments(["--log-format", "json"]), environment: ["STUB_FAIL": "b.2"])
        #expect(result.status == 1)
        let last = try #require(try await Self.records(result.stderr).last)
        #expect(last["log_level"] as? String == "ERROR")
        #expect(last["status"] as? String == "FAILED")
        #expect((last["message"] as? String)?.hasPrefix("run finished FAILED: ") == true)
    }
}
