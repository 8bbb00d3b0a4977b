import AWS
import DynamoDBState
import Foundation
import PipelineDSL
import PipelinePlan
import PipelineRun
import PipelineState
import TestSupport
import Testing

/// The runner (PipelineRun) with the DynamoDB store on moto and the stub engine: a failing step leaves
/// FAILED/CurrentStep (and the relauncher would relaunch); the rerun gets Run_Id 2, resumes there, COMPLETED.
@Suite(.enabled(if: LiveServer.available("PDM_TEST_MOTO_URL"), "moto_server not running: run scripts/test"))
struct RunnerEndToEndTests {
    struct Silent: RunReporter { func report(_ event: RunEvent) {} }

    static let stubEngine = LiveServer.repositoryRoot.appendingPathComponent("Tests/Fixtures/bin/stub-engine").path
    static let here = SourceLocation(file: "e2e.pipe", line: 1, column: 1)

    static func step(_ index: Int, _ name: String, _ tasks: [String]) -> PlanStep {
        let work = tasks.map { Plans.statement($0, "-- \($0)\nselect 1", location: here) }
        return Plans.step(index: index, name: name, waves: [work], parallelism: 2, firstWave: 0, location: here)
    }

    static func plan(_ correlationID: String) -> Plan {
        Plans.plan(
            [step(0, "source", ["s1", "s2"]), step(1, "transform", ["t1", "t2"]), step(2, "model", ["m1"])],
            pipeline: "e2e", correlationID: correlationID, s3Prefix: "data/uc/2026-11-21",
            engines: EngineSettings(hiveCommand: [stubEngine]))
    }

    static func options(logs: URL, record: URL, fail: String?) -> RunOptions {
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "STUB_RECORD": record.path]
        if let fail { environment["STUB_FAIL"] = fail }
        return RunOptions(
            clusterID: "j-E2E", owner: RunOwner(host: "emr-master", pid: 100), leaseSeconds: 3600, gracePeriod: .seconds(1),
            logBase: logs, environment: environment)
    }

    @Test func failThenResumeWithRunIdTwoToCompleted() async throws {
        let fixture = try await MotoStateFixture()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let record = scratch.appendingPathComponent("record.txt")
        let logs = scratch.appendingPathComponent("logs")

        let first = await Runner(store: fixture.store(), reporter: Silent())
            .run(Self.plan("c-e2e"), options: Self.options(logs: logs, record: record, fail: "t2"))
        #expect(first.exitCode == .stepFailed)
        #expect(first.runID == 1)
        var item = try #require(try await fixture.rawItem("c-e2e"))
        #expect(item["Status"] == .s("FAILED"))
        #expect(item["CurrentStep"] == .s("transform"))
        #expect(item["Run_Id"] == .n("1"))
        #expect(item["Cluster_Id"] == .s("j-E2E"))
        let relaunch = try await RelauncherCompatibilityTests.relauncher(fixture, cluster: "j-E2E", maxRetry: 2, skip: [])
        #expect(relaunch.relaunch == true)
        #expect(relaunch.current_step == "transform")

        try FileManager.default.removeItem(at: record)
        let second = await Runner(store: fixture.store(), reporter: Silent())
            .run(Self.plan("c-e2e"), options: Self.options(logs: logs, record: record, fail: nil))
        #expect(second.exitCode == .success)
        #expect(second.runID == 2)
        #expect(second.steps.map(\.status) == [.skipped("completed in run 1"), .completed, .completed])
        let started = try String(contentsOf: record, encoding: .utf8).split(separator: "\n")
            .filter { $0.split(separator: " ").count == 4 && $0.split(separator: " ")[1] == "start" }
            .map { String($0.split(separator: " ")[2]) }
        #expect(Set(started) == ["t1", "t2", "m1"])
        item = try #require(try await fixture.rawItem("c-e2e"))
        #expect(item["Status"] == .s("COMPLETED"))
        #expect(item["Run_Id"] == .n("2"))
        #expect(item["CurrentStep"] == .s("model"))
        #expect(item["Lease_Expires_At"] == nil)
    }
}
