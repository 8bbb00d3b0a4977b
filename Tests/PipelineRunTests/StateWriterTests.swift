import Foundation
import PipelinePlan
import PipelineState
import Synchronization
import Testing
import TestSupport
@testable import PipelineRun

/// A local store that counts its calls and how many are in flight at once, and can hold calls until released.
final class CountingStore: StateStore {
    let inner: LocalFileStateStore
    private struct Counts {
        var calls = 0
        var inFlight = 0
        var maxInFlight = 0
        var transitions: [[RunTransition]] = []
        var held = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }
    private let counts = Mutex(Counts())

    init(_ inner: LocalFileStateStore) { self.inner = inner }

    var calls: Int { counts.withLock { $0.calls } }
    var maxInFlight: Int { counts.withLock { $0.maxInFlight } }
    var batches: [[RunTransition]] { counts.withLock { $0.transitions } }
    var renewals: Int { batches.joined().filter(\.isRenewal).count }
    /// Calls waiting for `release()`.
    var holding: Int { counts.withLock { $0.waiting.count } }

    func hold() { counts.withLock { $0.held = true } }

    func release() {
        let waiting = counts.withLock { counts in
            counts.held = false
            defer { counts.waiting = [] }
            return counts.waiting
        }
        waiting.forEach { $0.resume() }
    }

    func begin(_ request: BeginRequest) async throws(StateError) -> BeginOutcome { try await inner.begin(request) }

    func apply(_ transitions: [RunTransition], to handle: RunHandle, at now: Date) async throws(StateError) {
        counts.withLock {
            $0.calls += 1
            $0.inFlight += 1
            $0.maxInFlight = max($0.maxInFlight, $0.inFlight)
            $0.transitions.append(transitions)
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let held = counts.withLock { counts in
                if counts.held { counts.waiting.append(continuation) }
                return counts.held
            }
            if !held { continuation.resume() }
        }
        defer { counts.withLock { $0.inFlight -= 1 } }
        try await inner.apply(transitions, to: handle, at: now)
    }

    func read(_ key: RunKey) async throws(StateError) -> RunRecord? { try await inner.read(key) }
}

/// Polls `condition` every 5 ms for up to 30 s (an ordering by state, not a sleep).
func eventually(_ condition: () async -> Bool) async throws {
    for _ in 0..<6000 {
        if await condition() { return }
        try await Task.sleep(for: .milliseconds(5))
    }
    Issue.record("condition not met within 30 s")
}

/// Issue 18, item 1: a runner's own writes never race each other. Thirty tasks finishing together used to be
/// thirty conditional writes on one DynamoDB item, and the store's 10 retries ran out (exit 5).
@Suite struct StateWriterTests {
    func begun(_ store: some StateStore) async throws -> RunHandle {
        try await store.begin(BeginRequest(
            key: key, date: "2026-11-21", clusterID: "j-TEST", s3Prefix: "data/x", snapshotType: "full",
            owner: RunOwner(host: "test", pid: 1), now: Date(), leaseDuration: 3600)).handle
    }

    @Test func writesAskedWhileOneIsInFlightGoAsOneWriteAndNeverOverlap() async throws {
        let sandbox = try Sandbox()
        let store = CountingStore(sandbox.store)
        let handle = try await begun(store)
        let recorder = StateRecorder(store: store, handle: handle, clock: .system)
        try await recorder.stepStarted("s", carried: [])
        store.hold()
        let first = Task { try await recorder.taskCompleted("s", "s/t0") }
        try await eventually { store.holding == 1 }
        let rest = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 1..<100 { group.addTask { try await recorder.taskCompleted("s", "s/t\(i)") } }
                try await group.waitForAll()
            }
        }
        try await eventually { await recorder.writer.pending == 99 }
        store.release()
        try await first.value
        try await rest.value
        #expect(store.calls == 3)  // the step start, the first completion, the other 99 together
        #expect(store.batches.last?.count == 99)
        #expect(store.maxInFlight == 1)
        let record = try #require(try await sandbox.store.read(key))
        #expect(Set(record.completedTasks) == Set((0..<100).map { "s/t\($0)" }))
        #expect(record.completedTasks.count == 100)
    }

    @Test func everyCallerOfAFailedWriteGetsItsError() async throws {
        let sandbox = try Sandbox()
        let flaky = FlakyStore(sandbox.store)
        let handle = try await begun(flaky)
        let recorder = StateRecorder(store: flaky, handle: handle, clock: .system)
        flaky.fail(when: \.isTaskCompleted)
        let errors = await withTaskGroup(of: StateError?.self) { group in
            for i in 0..<10 {
                group.addTask {
                    do throws(StateError) {
                        try await recorder.taskCompleted("s", "s/t\(i)")
                        return nil
                    } catch { return error }
                }
            }
            return await group.reduce(into: [StateError?]()) { $0.append($1) }
        }
        #expect(errors.count == 10)
        #expect(errors.allSatisfy { $0?.description.contains("injected outage") == true })
    }

    /// The writer stores values masked: a failure reason echoing a secret, a task key holding one.
    @Test func everythingWrittenIsMasked() async throws {
        let sandbox = try Sandbox()
        let handle = try await begun(sandbox.store)
        let recorder = StateRecorder(store: sandbox.store, handle: handle, clock: .system, mask: SecretMask(secrets: ["hunter2"]))
        try await recorder.stepStarted("s", carried: ["s/hunter2-a"])
        try await recorder.taskCompleted("s", "s/hunter2-b")
        try await recorder.stepFailed("s", reason: "server said: password hunter2 rejected", continuing: false)
        let record = try #require(try await sandbox.store.read(key))
        #expect(record.completedTasks == ["s/****-a", "s/****-b"])
        #expect(record.failureReason == "server said: password **** rejected")
        let file = try String(contentsOf: sandbox.store.recordURL(for: key), encoding: .utf8)
        #expect(!file.contains("hunter2"))
    }
}
