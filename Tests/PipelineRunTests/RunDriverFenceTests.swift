import Foundation
import PipelinePlan
import PipelineState
import Testing
import TestSupport
@testable import PipelineRun

/// The lease and the fence on a fake launcher and a test clock: the lease's timers wait on the run's clock, so
/// the test moves time past a renewal or a deadline instead of waiting for it. `FencingTests` and
/// `RetryFenceTests` are the same rules with real processes and real time.
@Suite struct RunDriverFenceTests {
    func options(_ sandbox: Sandbox, lease: TimeInterval = 60) -> RunOptions {
        var options = sandbox.options(grace: .seconds(1))  // margin: 1 s grace + 2 s
        options.leaseSeconds = lease
        return options
    }

    @Test func renewalsThatFailUntilTheLeaseRunsOutStopTheRunWithExit5() async throws {
        let sandbox = try Sandbox()
        let (launcher, clock) = (FakeLauncher(), TestClock())
        let store = FlakyStore(sandbox.store)
        store.fail(when: \.isRenewal)
        let p = plan([step(0, "s", waves: [[task("t1"), task("t2")]], parallelism: 1)])
        let run = Task { await Runner(store: store, launcher: launcher, clock: clock.clock, reporter: Recorder()).run(p, options: options(sandbox)) }
        try await launcher.waitUntil { $0 == ["t1"] }
        try await clock.waiting(atLeast: 2)  // the renewal (in 20 s) and the deadline's look (in 1 s)
        clock.advance(by: 58)  // the renewal fails; 57 s is the lease less the margin
        let summary = await launcher.awaitRun(run)
        #expect(summary.exitCode == .stateUnavailable)
        #expect(launcher.started == ["t1"])
        #expect(launcher.log == ["start t1", "end t1"])  // terminated by the stop
        #expect(summary.steps.map(\.status) == [.cancelled])
        let record = try #require(try await sandbox.store.read(key))
        #expect(record.status == .failed)
        #expect(record.failureReason?.contains("lease could not be renewed") == true)
    }

    /// Without the deadline's timer (the driver alone, as `Sandbox.scheduler` wires it): the launch's own check
    /// by the runner's clock finds the lease too short, and the machine stops the run.
    @Test func aLaunchTheLeaseNoLongerCoversIsNotMadeAndStopsTheRun() async throws {
        let sandbox = try Sandbox()
        let (launcher, clock, trace) = (FakeLauncher(), TestClock(), Trace())
        let cancellation = RunCancellation()
        let p = plan([step(0, "s", waves: [[task("t1"), task("t2")]], parallelism: 1)])
        let core = try await sandbox.scheduler(
            p, reporter: Recorder(), cancellation: cancellation, launcher: launcher, clock: clock.clock, trace: trace.hook)
        defer { core.supervision.finish() }
        let run = Task { await core.driver.run() }
        try await launcher.waitUntil { $0 == ["t1"] }
        clock.advance(by: 3598)  // of a 3600 s lease, with a 3 s margin
        launcher.finish("t1")
        let result = await launcher.awaitRun(run)
        #expect(launcher.started == ["t1"])
        #expect(result.steps.map(\.status) == [.cancelled])
        #expect(result.failedStep == nil)
        #expect(trace.all.contains { if case .stop(.leaseExpiring) = $0 { true } else { false } })
        guard case .leaseExpiring? = cancellation.reason else {
            Issue.record("stopped for \(String(describing: cancellation.reason))")
            return
        }
    }

    @Test func aRenewalThatFindsTheRunTakenOverStopsItWithExit3AndNothingMoreIsWritten() async throws {
        let sandbox = try Sandbox()
        let (launcher, clock) = (FakeLauncher(), TestClock())
        let p = plan([step(0, "s", waves: [[task("t1"), task("t2")]], parallelism: 1, resume: .task)])
        let run = Task { await Runner(store: sandbox.store, launcher: launcher, clock: clock.clock, reporter: Recorder()).run(p, options: options(sandbox)) }
        try await launcher.waitUntil { $0 == ["t1"] }
        try await clock.waiting(atLeast: 2)
        let newOwner = try await takeOver(sandbox.store)
        clock.advance(by: 20)  // the renewal is due
        let summary = await launcher.awaitRun(run)
        #expect(summary.exitCode == .stateConflict)
        #expect(summary.failure?.contains("fenced off") == true)
        #expect(launcher.started == ["t1"])
        #expect(unchanged(try await sandbox.store.read(key), since: newOwner.record))
    }

    /// Declares the run superseded, or moves the clock past the lease's margin, when a task is about to be retried.
    struct OnRetry: RunReporter {
        let action: @Sendable () -> Void
        func report(_ event: RunEvent) { if case .taskRetrying = event { action() } }
    }

    @Test(arguments: [false, true])
    func aRetryPassesTheFenceToo(leaseRunsOut: Bool) async throws {
        let sandbox = try Sandbox()
        let (launcher, clock) = (FakeLauncher(), TestClock())
        for _ in 1...3 { launcher.finish("t", .exited(1)) }
        let cancellation = RunCancellation()
        let reporter = OnRetry {
            if leaseRunsOut { clock.advance(by: 3598) } else { cancellation.stop(.superseded(.superseded(key, runID: 1, found: 2))) }
        }
        let p = plan([step(0, "s", waves: [[task("t")]], attempts: 3, delay: 0)])
        let core = try await sandbox.scheduler(p, reporter: reporter, cancellation: cancellation, launcher: launcher, clock: clock.clock)
        defer { core.supervision.finish() }
        let result = await launcher.awaitRun(Task { await core.driver.run() })
        #expect(launcher.started == ["t"])  // attempt 1 only
        #expect(result.steps.map(\.status) == [.cancelled])
        #expect(result.failedStep == nil)
        if leaseRunsOut {
            guard case .leaseExpiring? = cancellation.reason else { Issue.record("\(String(describing: cancellation.reason))"); return }
        }
    }

    /// A retry's delay is the run's clock's: the next attempt starts when the test moves time, not before.
    @Test func aRetryWaitsForItsDelayOnTheRunsClock() async throws {
        let sandbox = try Sandbox()
        let (launcher, clock) = (FakeLauncher(), TestClock())
        launcher.finish("t", .exited(1))
        launcher.finish("t")
        let p = plan([step(0, "s", waves: [[task("t")]], attempts: 2, delay: 30)])
        let run = Task { await Runner(store: sandbox.store, launcher: launcher, clock: clock.clock, reporter: Recorder()).run(p, options: sandbox.options()) }
        let due = clock.now.addingTimeInterval(30)
        try await clock.waiting(atLeast: 1, until: due)
        clock.advance(by: 29)
        #expect(launcher.started == ["t"])  // nothing can have woken it
        clock.advance(by: 1)
        let summary = await launcher.awaitRun(run)
        #expect(summary.exitCode == .success)
        #expect(launcher.started == ["t", "t"])
        #expect(summary.steps.first?.retries == 1)
    }
}
