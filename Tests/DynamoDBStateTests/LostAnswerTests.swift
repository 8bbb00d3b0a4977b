import AWS
import DynamoDBState
import Foundation
import PipelineState
import Synchronization
import TestSupport
import Testing

/// Sends every request to moto; for the next `count` calls of one operation it lets moto apply the call and
/// then reports the connection as dropped, as a DynamoDB blip after the write does.
final class AnswerLosingClient: HTTPClient {
    private let inner = CurlHTTPClient(timeouts: HTTPTimeouts(connect: 2, total: 10))
    private let pending = Mutex<(operation: String, count: Int)>(("", 0))
    private let log = Mutex<[String]>([])
    var operations: [String] { log.withLock { $0 } }

    func loseNext(_ operation: String, times count: Int = 1) {
        pending.withLock { $0 = (operation, count) }
        log.withLock { $0 = [] }
    }

    func send(_ request: HTTPRequest, operation: String) async throws -> HTTPResponse {
        let response = try await inner.send(request, operation: operation)
        let lose = pending.withLock { pending in
            guard pending.count > 0, pending.operation == operation else { return false }
            pending.count -= 1
            return true
        }
        log.withLock { $0.append(lose ? "\(operation) (answer lost)" : operation) }
        if lose { throw AWSError.transport(operation: operation, endpoint: request.endpoint.description, reason: "answer lost (injected)") }
        return response
    }
}

/// Every kind of state write, with its answer lost after moto applied it: the retry must recognise its own
/// write (never apply it twice, never move Run_Id by two, never fail the run).
@Suite(.enabled(if: LiveServer.available("PDM_TEST_MOTO_URL"), "moto_server not running: run scripts/test"))
struct LostAnswerTests {
    typealias Fixture = MotoStateFixture

    static func store(_ fixture: Fixture) -> (DynamoDBStateStore, AnswerLosingClient) {
        let http = AnswerLosingClient()
        var configuration = fixture.configuration
        configuration.http = http
        configuration.retry = AWSRetryPolicy(maxAttempts: 6, baseDelay: 0.01)
        return (DynamoDBStateStore(client: DynamoDBClient(configuration: configuration), table: fixture.table), http)
    }

    func version(_ fixture: Fixture, _ id: String) async throws -> AttributeValue? {
        try await fixture.rawItem(id)?["Record_Version"]
    }

    @Test(arguments: [1, 3]) func aBeginWhoseAnswerIsLostMovesRunIdByOne(losses: Int) async throws {
        let fixture = try await Fixture()
        let (store, http) = Self.store(fixture)
        http.loseNext("PutItem", times: losses)
        let first = try await store.begin(fixture.request("c-begin"))
        #expect(first.start == .fresh)
        #expect(try await fixture.rawItem("c-begin")?["Run_Id"] == .n("1"))
        #expect(http.operations.prefix(2) == ["GetItem", "PutItem (answer lost)"])
        try await store.finish(first.handle, status: .completed, reason: nil, at: Fixture.now + 5)

        // Over an existing record (a forced restart): PutItem of the whole item, on the version read.
        http.loseNext("PutItem", times: losses)
        let forced = try await store.begin(fixture.request("c-begin", now: Fixture.now + 10, force: true))
        #expect(forced.record.runID == 2)
        let item = try #require(try await fixture.rawItem("c-begin"))
        #expect(item["Run_Id"] == .n("2"))
        #expect(item["Record_Version"] == .n("3"))
        #expect(http.operations.last == "GetItem")  // the re-read that recognised the write
    }

    @Test func everyCheckpointWhoseAnswerIsLostIsAppliedOnce() async throws {
        let fixture = try await Fixture()
        let (store, http) = Self.store(fixture)
        let handle = try await store.begin(fixture.request("c-writes")).handle
        var expectedVersion = 1
        func lost(_ write: () async throws -> Void) async throws {
            http.loseNext("UpdateItem", times: 2)
            try await write()
            expectedVersion += 1
            #expect(try await version(fixture, "c-writes") == .n(String(expectedVersion)), "\(http.operations)")
            #expect(http.operations.first == "UpdateItem (answer lost)")
        }
        try await lost { try await store.stepStarted(handle, step: "load", carriedTasks: [], at: Fixture.now + 1) }
        try await lost { try await store.taskCompleted(handle, step: "load", task: "a.sql", at: Fixture.now + 2) }
        try await lost { try await store.stepFailed(handle, step: "optional", reason: "x", continuing: true, at: Fixture.now + 3) }
        try await lost { try await store.renewLease(handle, until: Fixture.now + 600, at: Fixture.now + 4) }
        try await lost { try await store.stepFailed(handle, step: "publish", reason: "boom", continuing: false, at: Fixture.now + 5) }
        try await lost { try await store.finish(handle, status: .failed, reason: "boom", at: Fixture.now + 6) }
        let item = try #require(try await fixture.rawItem("c-writes"))
        #expect(item["Completed_Tasks"] == .l([.s("a.sql")]))
        #expect(item["Continued_Failures"] == .l([.s("optional")]))
        #expect(item["Status"] == .s("FAILED"))
        #expect(item["CurrentStep"] == .s("publish"))
        #expect(item["Lease_Expires_At"] == nil)
        #expect(item["Run_Id"] == .n("1"))
    }

    @Test func anotherRunnersWriteIsStillAConflict() async throws {
        let fixture = try await Fixture()
        let (store, http) = Self.store(fixture)
        let handle = try await store.begin(fixture.request("c-other")).handle
        // Another runner takes over between our lost attempt and its retry: the re-read is not our write.
        let other = RunOwner(host: "other", pid: 2)
        _ = try await fixture.store().begin(fixture.request("c-other", owner: other, now: Fixture.now + 1, takeover: true))
        http.loseNext("UpdateItem")
        await #expect(throws: StateError.superseded(handle.key, runID: 1, found: 2)) {
            try await store.stepStarted(handle, step: "load", carriedTasks: [], at: Fixture.now + 2)
        }
        #expect(try await fixture.rawItem("c-other")?["CurrentStep"] == nil)
    }
}
