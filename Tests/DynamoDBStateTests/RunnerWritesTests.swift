import AWS
import DynamoDBState
import Foundation
import PipelineDSL
import PipelinePlan
import PipelineRun
import PipelineState
import Synchronization
import TestSupport
import Testing

/// Issue 18 on DynamoDB (moto, which applies conditional writes atomically one request at a time, as DynamoDB
/// does): the runner's own writes never conflict (item 1), values are stored masked (item 6), and Run_Id has one
/// bound (item 14).
@Suite(.enabled(if: LiveServer.available("PDM_TEST_MOTO_URL"), "moto_server not running: run scripts/test"))
struct RunnerWritesTests {
    struct Silent: RunReporter { func report(_ event: RunEvent) {} }

    /// The store, counting its calls and how many overlap.
    final class Counting: StateStore {
        let inner: any StateStore
        private let counts = Mutex((calls: 0, inFlight: 0, maxInFlight: 0, transitions: 0))
        init(_ inner: any StateStore) { self.inner = inner }
        var figures: (calls: Int, maxInFlight: Int, transitions: Int) {
            counts.withLock { ($0.calls, $0.maxInFlight, $0.transitions) }
        }
        func begin(_ request: BeginRequest) async throws(StateError) -> BeginOutcome { try await inner.begin(request) }
        func apply(_ transitions: [RunTransition], to handle: RunHandle, at now: Date) async throws(StateError) {
            counts.withLock {
                $0.calls += 1
                $0.inFlight += 1
                $0.maxInFlight = max($0.maxInFlight, $0.inFlight)
                $0.transitions += transitions.count
            }
            defer { counts.withLock { $0.inFlight -= 1 } }
            try await inner.apply(transitions, to: handle, at: now)
        }
        func read(_ key: RunKey) async throws(StateError) -> RunRecord? { try await inner.read(key) }
    }

    static func options(_ scratch: URL, environment: [String: String] = [:]) -> RunOptions {
        RunOptions(
            clusterID: "j-WRITES", owner: RunOwner(host: "emr-master", pid: 100), leaseSeconds: 3600,
            gracePeriod: .seconds(1), logBase: scratch.appendingPathComponent("logs"),
            environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"].merging(environment) { $1 })
    }

    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-writes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// 100 tasks of a task-level resume step that all end at the same instant (each waits until all 100 have
    /// started): 100 completions at once. Before, every launch also renewed the lease (100 concurrent
    /// conditional writes on the one item) and the store gave up after 10 conflicts: exit 5.
    @Test func aHundredTasksEndingTogetherComplete() async throws {
        let fixture = try await MotoStateFixture()
        let scratch = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        final class Arrivals: Sendable { let count = Mutex(0) }
        let arrived = Arrivals()
        var actions = ActionRegistry.builtins
        actions.register("together") { context in
            arrived.count.withLock { $0 += 1 }
            while arrived.count.withLock({ $0 }) < 100 { try await context.clock.sleep(.milliseconds(2)) }
        }
        let tasks = (1...100).map { Plans.action("wave/t\($0)", "together") }
        let plan = Plans.plan(
            [Plans.step(index: 1, name: "wave", waves: [tasks], parallelism: 100, resume: .task)], correlationID: "c-hundred")
        let store = Counting(fixture.store())
        let summary = await Runner(store: store, actions: actions, reporter: Silent()).run(plan, options: Self.options(scratch))
        #expect(summary.exitCode == .success, "\(summary.failure ?? "")")
        let record = try #require(try await fixture.store().read(RunKey(correlationID: "c-hundred", product: "PDM")))
        #expect(record.status == .completed)
        #expect(Set(record.completedTasks).count == 100)
        let figures = store.figures
        #expect(figures.maxInFlight == 1)
        #expect(figures.transitions == 103)  // step started, 100 completions, step completed, finish
        print("100 simultaneous completions on moto: \(figures.calls) store calls for \(figures.transitions) transitions")
    }

    @Test func aFailureReasonEchoingASecretIsStoredMasked() async throws {
        let fixture = try await MotoStateFixture()
        let scratch = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let secret = "canary-\(UUID().uuidString.prefix(8))"
        var actions = ActionRegistry.builtins
        actions.register("echo-error") { _ in throw ActionFailure("server said: password \(secret) refused") }
        let plan = Plans.plan(
            [Plans.step(index: 1, name: "login", waves: [[Plans.action("login/\(secret)", "echo-error")]])],
            correlationID: "c-masked",
            variables: [ResolvedVariable(name: "pw", value: secret, source: .commandLine, isSecret: true)])
        let summary = await Runner(store: fixture.store(), actions: actions, reporter: Silent()).run(plan, options: Self.options(scratch))
        #expect(summary.exitCode == .stepFailed)
        let item = try #require(try await fixture.rawItem("c-masked"))
        #expect(item["Failure_Reason"] == .s("task login/**** failed: server said: password **** refused"))
        #expect(!"\(item)".contains(secret))
    }

    /// Item 14: Run_Id 2147483647 reads, and the next begin is refused with one line instead of writing
    /// 2147483648, which the reader would call corrupt. The item is left as it was.
    @Test func anItemAtTheLargestRunIdIsReadButNeverBegunAgain() async throws {
        let fixture = try await MotoStateFixture()
        let store = fixture.store()
        let handle = try await store.begin(fixture.request("c-max")).handle
        try await store.finish(handle, status: .failed, reason: "x", at: MotoStateFixture.now)
        _ = try await fixture.dynamo.updateItem(
            table: fixture.table, key: ["Correlation_Id": .s("c-max"), "DataProduct": .s("PDM")],
            update: .init("SET Run_Id = :max", values: [":max": .n("2147483647")]))
        let before = try await fixture.rawItem("c-max")
        #expect(try await fixture.store().read(RunKey(correlationID: "c-max", product: "PDM"))?.runID == 2147483647)
        await #expect(throws: StateError.runIDExhausted(RunKey(correlationID: "c-max", product: "PDM"), runID: 2147483647)) {
            try await fixture.store().begin(fixture.request("c-max", now: MotoStateFixture.now.addingTimeInterval(60), force: true, takeover: true))
        }
        #expect(try await fixture.rawItem("c-max") == before)
    }
}
