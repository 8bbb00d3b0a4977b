import Foundation
import PipelineDSL
import PipelinePlan
import PipelineState
import Synchronization
import Testing
import TestSupport
@testable import PipelineRun

/// A local store whose writes of some kinds fail (as if DynamoDB were unreachable) while `failing` says so.
final class FlakyStore: StateStore {
    let inner: LocalFileStateStore
    private let failing = Mutex<@Sendable (RunTransition) -> Bool>({ _ in false })

    init(_ inner: LocalFileStateStore) { self.inner = inner }

    func fail(when predicate: @escaping @Sendable (RunTransition) -> Bool) { failing.withLock { $0 = predicate } }

    func begin(_ request: BeginRequest) async throws(StateError) -> BeginOutcome { try await inner.begin(request) }

    func apply(_ transitions: [RunTransition], to handle: RunHandle, at now: Date) async throws(StateError) {
        let failing = self.failing.withLock { $0 }
        if transitions.contains(where: failing) {
            throw .unavailable(what: "cannot write run record", location: "test store", reason: "injected outage")
        }
        try await inner.apply(transitions, to: handle, at: now)
    }

    func read(_ key: RunKey) async throws(StateError) -> RunRecord? { try await inner.read(key) }
}

extension RunTransition {
    var isRenewal: Bool { if case .leaseRenewed = self { true } else { false } }
    var isTaskCompleted: Bool { if case .taskCompleted = self { true } else { false } }
}

/// A clock the test moves: `fixed` stands at `start + offset`; `realTimePlusOffset` runs, `offset` ahead.
final class MovableClock: Sendable {
    private let start: Date
    private let shift = Mutex<TimeInterval>(0)
    init(_ start: Date) { self.start = start }
    var offset: TimeInterval {
        get { shift.withLock { $0 } }
        set { shift.withLock { $0 = newValue } }
    }
    var fixed: RunClock { RunClock(now: { self.start.addingTimeInterval(self.offset) }, sleep: { try await Task.sleep(for: $0) }, random: { 0.5 }) }
    var realTimePlusOffset: RunClock { RunClock(now: { Date().addingTimeInterval(self.offset) }, sleep: { try await Task.sleep(for: $0) }, random: { 0.5 }) }
}

let key = RunKey(correlationID: "corr-1", product: "PDM")

func takeOver(_ store: some StateStore, leaseSeconds: TimeInterval = 60) async throws -> BeginOutcome {
    try await store.begin(BeginRequest(
        key: key, date: "2026-11-21", clusterID: "j-NEW", s3Prefix: "data/x", snapshotType: "full",
        owner: RunOwner(host: "new-owner", pid: 2), now: Date(), leaseDuration: leaseSeconds, policy: RunPolicy(takeover: true)))
}

/// Waits (up to 30 s) until the stub has recorded `count` pids.
func waitForPIDs(_ sandbox: Sandbox, _ count: Int) async throws {
    for _ in 0..<600 where try sandbox.recordedPIDs().count < count { try await Task.sleep(for: .milliseconds(50)) }
}

/// The stored record is still the one `written` (the local store keeps timestamps to the second).
func unchanged(_ stored: RunRecord?, since written: RunRecord) -> Bool {
    guard let stored else { return false }
    return stored.runID == written.runID && stored.owner == written.owner && stored.status == written.status
        && stored.currentStep == written.currentStep && abs(stored.updatedAt.timeIntervalSince(written.updatedAt)) < 1 && stored.leaseExpiresAt != nil
}

@Suite struct FencingTests {
    /// Once the runner knows it was taken over (its next renewal says so), it launches nothing more, and the
    /// task it was running when the takeover landed is terminated.
    @Test func aTakenOverRunnerLaunchesNothingMoreAndExits3() async throws {
        let sandbox = try Sandbox()
        let marker = sandbox.root.appendingPathComponent("go").path
        let p = plan([step(0, "s", waves: [[task("t1", "-- stub: wait-for \(marker)"), task("t2"), task("t3")]], parallelism: 1)])
        var options = sandbox.options(grace: .milliseconds(300))
        options.leaseSeconds = 3  // renewed every second
        let cancellation = RunCancellation()
        let frozen = MovableClock(Date()).fixed
        let old = Runner(store: sandbox.store, clock: frozen, reporter: Recorder())
        let run = Task { await old.run(p, options: options, cancellation: cancellation) }
        try await waitForPIDs(sandbox, 1)
        let newOwner = try await takeOver(sandbox.store)
        try await eventually { cancellation.reason != nil }
        FileManager.default.createFile(atPath: marker, contents: nil)
        let summary = await run.value
        #expect(summary.exitCode == .stateConflict)
        #expect(try sandbox.started() == ["t1"])
        // The old runner wrote nothing after the takeover: the record is the new owner's, as it left it.
        #expect(unchanged(try await sandbox.store.read(key), since: newOwner.record))
    }

    /// Issue 18, item 1: a launch checks the lease by the runner's own clock and writes nothing; the lease is
    /// renewed in the background (every third of it). Before, every launch renewed it: a write per task.
    @Test func aLaunchWritesNothing() async throws {
        let sandbox = try Sandbox()
        let store = CountingStore(sandbox.store)
        let tasks = (1...20).map { Plans.action("a\($0)", "sleep", [KeyValue("duration", "1ms")]) }
        let p = plan([step(0, "s", waves: [tasks], parallelism: 4)])
        let summary = await Runner(store: store, reporter: Recorder()).run(p, options: sandbox.options())
        #expect(summary.exitCode == .success)
        #expect(store.renewals == 0)
        #expect(store.calls == 3)  // step started, step completed, finish
    }

    @Test func aRenewalThatSaysSupersededTerminatesRunningTasks() async throws {
        let sandbox = try Sandbox()
        let p = plan([step(0, "s", waves: [[task("h1", "-- stub: hang"), task("h2", "-- stub: hang"), task("later")]], parallelism: 2)])
        var options = sandbox.options(grace: .milliseconds(500))
        options.leaseSeconds = 3  // renewed every second
        // The run's clock stands still, so however loaded the machine, only the refused renewal can stop it.
        let frozen = MovableClock(Date()).fixed
        let run = Task { await Runner(store: sandbox.store, clock: frozen, reporter: Recorder()).run(p, options: options) }
        try await waitForPIDs(sandbox, 4)
        let newOwner = try await takeOver(sandbox.store)
        let summary = await run.value
        #expect(summary.exitCode == .stateConflict)
        #expect(summary.failure?.contains("fenced off") == true)
        #expect(Set(try sandbox.started()) == ["h1", "h2"])
        #expect(await Processes.survivors(of: try sandbox.recordedPIDs()) == [])
        #expect(unchanged(try await sandbox.store.read(key), since: newOwner.record))
    }

    @Test func anyWriteThatFindsTheRunSupersededTerminatesRunningTasks() async throws {
        let sandbox = try Sandbox()
        let marker = sandbox.root.appendingPathComponent("go").path
        let p = plan([step(0, "s", waves: [[task("quick", "-- stub: wait-for \(marker)"), task("h", "-- stub: hang")]], parallelism: 2, resume: .task)])
        let run = Task { await runner(sandbox, reporter: Recorder()).run(p, options: sandbox.options(grace: .milliseconds(300))) }
        try await waitForPIDs(sandbox, 3)
        _ = try await takeOver(sandbox.store)
        FileManager.default.createFile(atPath: marker, contents: nil)  // `quick` ends: its taskCompleted is refused
        let summary = await run.value
        #expect(summary.exitCode == .stateConflict)
        #expect(await Processes.survivors(of: try sandbox.recordedPIDs()) == [])
    }

    @Test func renewalsThatKeepFailingStopTheRunBeforeTheLeaseRunsOut() async throws {
        let sandbox = try Sandbox()
        let store = FlakyStore(sandbox.store)
        let p = plan([step(0, "s", waves: [[task("h1", "-- stub: hang")]])])
        var options = sandbox.options(grace: .milliseconds(300))
        options.leaseSeconds = 30
        // The run's clock jumps ahead once renewals fail, so the deadline passes without waiting (or timing) it.
        let skewed = MovableClock(Date())
        let run = Task { await Runner(store: store, clock: skewed.realTimePlusOffset, reporter: Recorder()).run(p, options: options) }
        try await waitForPIDs(sandbox, 2)
        store.fail(when: \.isRenewal)
        skewed.offset = options.leaseSeconds - 1  // past "lease minus margin", not past the lease
        let summary = await run.value
        #expect(summary.exitCode == .stateUnavailable)
        #expect(await Processes.survivors(of: try sandbox.recordedPIDs()) == [])
        let record = try #require(try await sandbox.store.read(key))
        #expect(record.status == .failed)
        #expect(record.failureReason?.contains("lease could not be renewed") == true)
    }

    @Test func nothingStartsWithinTheMarginBeforeTheLeaseRunsOut() throws {
        let sandbox = try Sandbox()
        let begun = Date()
        let now = MovableClock(begun)
        let clock = now.fixed
        let handle = RunHandle(key: key, runID: 1, owner: RunOwner(host: "test", pid: 1))
        let cancellation = RunCancellation()
        let fence = RunFence(
            recorder: StateRecorder(store: sandbox.store, handle: handle, clock: clock), leaseSeconds: 30,
            gracePeriod: .seconds(5), begunAt: begun, cancellation: cancellation, reporter: Recorder())
        #expect(fence.margin == 7)  // the grace period and 2 s for the final kill
        now.offset = 22.9
        #expect(fence.check() == .allowed)
        now.offset = 23
        // The driver hands this to the run machine, which stops the run with it (`RunDriverFenceTests`).
        guard case .leaseRunningOut(let why) = fence.check() else { Issue.record("launch allowed at the margin"); return }
        #expect("\(StopReason.leaseExpiring(why))".contains("lease could not be renewed"))
    }

    @Test func aFailedStateWriteStopsLaunchingAndTheFinalWriteIsStillAttempted() async throws {
        let sandbox = try Sandbox()
        let store = FlakyStore(sandbox.store)
        store.fail(when: \.isTaskCompleted)
        let p = plan([
            step(0, "first", waves: [[task("a")]]),
            step(1, "second", waves: [[task("t1"), task("t2"), task("t3")]], parallelism: 1, resume: .task),
        ])
        let summary = await Runner(store: store, reporter: Recorder()).run(p, options: sandbox.options())
        #expect(summary.exitCode == .stateUnavailable)
        // A completion is stored while the next task starts (the writer batches completions that end together):
        // t2 may start before t1's failed write is known; nothing starts after it.
        let started = try sandbox.started()
        #expect(started == ["a", "t1"] || started == ["a", "t1", "t2"])
        let record = try #require(try await sandbox.store.read(key))
        #expect(record.status == .failed)
        #expect(record.currentStep == "second")
        #expect(record.completedTasks == [])
        #expect(record.failureReason?.hasPrefix("state store write failed") == true)
    }

    @Test func aSignalDuringThePreflightStopsTheRunAtOnce() async throws {
        let sandbox = try Sandbox()
        var runner = runner(sandbox, reporter: Recorder())
        // A preflight that ignores cancellation, like a blocking MySQL connect.
        // Were it waited for, the test would hang for an hour: it ends only because the runner abandons it.
        runner.preflight = { _ throws(RunError) in
            _ = await Task.detached { try? await Task.sleep(for: .seconds(3600)) }.value
        }
        let cancellation = RunCancellation()
        let p = plan([step(0, "s", waves: [[task("t")]])])
        let run = Task { [runner] in await runner.run(p, options: sandbox.options(), cancellation: cancellation) }
        try await Task.sleep(for: .milliseconds(300))
        cancellation.cancel(signal: SIGTERM)
        let summary = await run.value
        #expect(summary.exitCode == .terminated)
        #expect(try sandbox.started() == [])
        let record = try #require(try await sandbox.store.read(key))
        #expect(record.status == .failed)
        #expect(record.failureReason == "cancelled: interrupted by SIGTERM")
    }

    @Test func takingOverALiveLeaseWaitsForItBeforeTheFirstTask() async throws {
        let sandbox = try Sandbox()
        let held = try await sandbox.store.begin(BeginRequest(
            key: key, date: "2026-11-21", clusterID: "j-OLD", s3Prefix: "data/x", snapshotType: "full",
            owner: RunOwner(host: "old-host", pid: 7), now: Date(), leaseDuration: 2))
        var options = sandbox.options()
        options.policy.takeover = true
        let summary = await runner(sandbox, reporter: Recorder()).run(plan([step(0, "s", waves: [[task("t")]])]), options: options)
        #expect(summary.exitCode == .success)
        let first = try #require(try sandbox.events().first)
        let lease = try #require(held.record.leaseExpiresAt)
        #expect(first.time >= lease.timeIntervalSince1970)
    }
}
