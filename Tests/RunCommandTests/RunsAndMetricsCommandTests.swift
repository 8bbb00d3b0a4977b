import Foundation
import Testing
import TestSupport

/// The built binary's `runs` and `metrics show`.
@Suite struct RunsAndMetricsCommandTests {
    @Test func runsListsTheLocalStoreNewestFirst() async throws {
        let cli = try CLI()
        #expect(try await cli.run(cli.runArguments(correlationID: "first")).status == 0)
        #expect(try await cli.run(cli.runArguments(correlationID: "second"), environment: ["STUB_FAIL": "b.2"]).status == 1)
        let runs = try await cli.run(["runs"])
        #expect(runs.status == 0, "\(runs.stderr)")
        let lines = runs.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("CORRELATION_ID") == true)
        // Same second possible: both rows are there, each with its status and step.
        #expect(lines.contains { $0.hasPrefix("first ") && $0.contains(" COMPLETED ") && $0.contains(" hang ") })
        #expect(lines.contains { $0.hasPrefix("second ") && $0.contains(" FAILED ") && $0.contains(" model ") })

        let json = try await cli.run(["runs", "--format", "json", "--limit", "1"])
        let array = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(array?.count == 1)

        let none = try await cli.run(["runs", "--product", "NOPE"])
        #expect(none.status == 0)
        #expect(none.stdout == "")
        #expect(none.stderr == "no runs of NOPE recorded in the local store .pdm-state\n")
    }

    @Test func runsWithACorruptRecordListsTheRestAndExitsFive() async throws {
        let cli = try CLI()
        #expect(try await cli.run(cli.runArguments()).status == 0)
        try Data("{\"Run_Id\": 1e20}".utf8).write(to: cli.folder.appendingPathComponent(".pdm-state/bad__PDM.json"))
        let runs = try await cli.run(["runs"])
        #expect(runs.status == 5)
        #expect(runs.stdout.contains("\nc1 "))
        #expect(runs.stderr.hasPrefix("error: "))
        #expect(runs.stderr.contains("bad__PDM.json"))
    }

    @Test func metricsShowPrintsTheFileOrExitsTwo() async throws {
        let cli = try CLI()
        let file = cli.folder.appendingPathComponent("pdm-metrics.json")
        try Data(#"{"gauges":{"state_step_create":{"value":0}},"counters":{"pdm_tasks_run":{"count":3}}}"#.utf8).write(to: file)
        let shown = try await cli.run(["metrics", "show", file.path])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("state_step_create  0 (COMPLETED)"))
        #expect(shown.stdout.contains("pdm_tasks_run  3"))

        let missing = try await cli.run(["metrics", "show", "/nonexistent/pdm-metrics.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "error: /nonexistent/pdm-metrics.json: cannot read: no such file\n")

        try Data(#"{"gauges":{}}{"gauges":{}}"#.utf8).write(to: file)
        let doubled = try await cli.run(["metrics", "show", file.path])
        #expect(doubled.status == 2)
        #expect(doubled.stderr.hasPrefix("error: \(file.path): not JSON"))
    }
}
