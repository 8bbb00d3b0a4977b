import AWS
import DynamoDBState
import Foundation
import PipelineState
import TestSupport
import Testing

/// The relauncher lambda's scan-by-Cluster_Id decision, reproduced in Python with boto3
/// (Tests/Fixtures/relauncher_check.py), on items our store wrote.
@Suite(.enabled(if: LiveServer.available("PDM_TEST_MOTO_URL"), "moto_server not running: run scripts/test"))
struct RelauncherCompatibilityTests {
    typealias Fixture = MotoStateFixture

    /// The check's JSON answer.
    struct Decision: Decodable, Equatable {
        let found: Bool
        var status: String? = nil
        var current_step: String? = nil
        var run_id: Int? = nil
        var relaunch: Bool? = nil
        var payload: [String: String]? = nil
    }

    static func relauncher(_ fixture: Fixture, cluster: String, maxRetry: Int, skip: [String]) async throws -> Decision {
        let python = try #require(LiveServer.value("PDM_TEST_MOTO_PYTHON"))
        let script = LiveServer.repositoryRoot.appendingPathComponent("Tests/Fixtures/relauncher_check.py").path
        let environment = [
            "AWS_ACCESS_KEY_ID": try #require(LiveServer.value("PDM_TEST_MOTO_ACCESS_KEY_ID")),
            "AWS_SECRET_ACCESS_KEY": try #require(LiveServer.value("PDM_TEST_MOTO_SECRET_ACCESS_KEY")),
            "AWS_DEFAULT_REGION": fixture.configuration.region, "HOME": "/nonexistent",
        ]
        let result = try await Command.run(
            python, [script, fixture.url, fixture.table, cluster, String(maxRetry)] + skip, environment: environment)
        #expect(result.status == 0, "relauncher_check.py: \(result.stderr)")
        let data = Data(result.stdout.utf8)
        return try JSONDecoder().decode(Decision.self, from: data)
    }

    @Test func aFailedRunIsRelaunchedWithTheOriginalPayloadWithinTheRetryLimit() async throws {
        let fixture = try await Fixture()
        let store = fixture.store()
        let handle = try await store.begin(fixture.request("c-relaunch", cluster: "j-FAILED1")).handle
        try await store.stepStarted(handle, step: "transform", carriedTasks: [], at: Fixture.now + 1)
        try await store.stepFailed(handle, step: "transform", reason: "exit 10", continuing: false, at: Fixture.now + 2)

        let decision = try await Self.relauncher(fixture, cluster: "j-FAILED1", maxRetry: 2, skip: ["create-views-tables"])
        #expect(
            decision
                == Decision(
                    found: true, status: "FAILED", current_step: "transform", run_id: 1, relaunch: true,
                    payload: [
                        "correlation_id": "c-relaunch", "s3_prefix": "data/uc/2026-11-21", "snapshot_type": "full",
                        "export_date": "2026-11-21",
                    ]))

        // Past MAX_RETRY_COUNT, or at a step it must not retry, it gives up.
        #expect(try await Self.relauncher(fixture, cluster: "j-FAILED1", maxRetry: 0, skip: []).relaunch == false)
        #expect(try await Self.relauncher(fixture, cluster: "j-FAILED1", maxRetry: 2, skip: ["transform"]).relaunch == false)
    }

    @Test func aResumedRunCountsTowardsTheRetryLimit() async throws {
        let fixture = try await Fixture()
        let first = fixture.store()
        let handle = try await first.begin(fixture.request("c-limit", cluster: "j-A")).handle
        try await first.stepStarted(handle, step: "source", carriedTasks: [], at: Fixture.now + 1)
        try await first.stepFailed(handle, step: "source", reason: "exit 1", continuing: false, at: Fixture.now + 2)
        let second = fixture.store()
        let resumed = try await second.begin(fixture.request("c-limit", now: Fixture.now + 10, cluster: "j-B")).handle
        try await second.stepFailed(resumed, step: "source", reason: "exit 1", continuing: false, at: Fixture.now + 11)

        let decision = try await Self.relauncher(fixture, cluster: "j-B", maxRetry: 1, skip: [])
        #expect(decision.run_id == 2)
        #expect(decision.current_step == "source")
        #expect(decision.relaunch == false)
        #expect(try await Self.relauncher(fixture, cluster: "j-A", maxRetry: 1, skip: []) == Decision(found: false))
    }
}
