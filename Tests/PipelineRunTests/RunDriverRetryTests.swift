import Foundation
import PipelinePlan
import PipelineState
import Synchronization
import Testing
import TestSupport
@testable import PipelineRun

/// A task's retries as the driver carries them out (`RunMachine`'s `retry`): the delay on the run's clock, the
/// fence, the next attempt; on a fake launcher and a test clock, nothing sleeps.
@Suite struct RunDriverRetryTests {
    /// The task events a run reported, in order, as short lines; and the results of the tasks that finished.
    final class TaskEvents: RunReporter {
        private let state = Mutex<(lines: [String], results: [TaskResult])>(([], []))
        var lines: [String] { state.withLock { $0.lines } }
        var results: [TaskResult] { state.withLock { $0.results } }

        func report(_ event: RunEvent) {
            state.withLock { state in
                switch event {
                case .taskStarted(_, let task, let attempt): state.lines.append("started \(task.key) \(attempt)")
                case .taskRetrying(_, let task, let attempt, _, let delay): state.lines.append("retrying \(task.key) \(attempt) in \(delay)")
                case .taskFinished(_, let task, let result):
                    state.lines.append("finished \(task.key)")
                    state.results.append(result)
                default: break
                }
            }
        }
    }

    @Test func theRetryDelayWaitsForTheTestClockAndTheEventsKeepTheirOrder() async throws {
        let sandbox = try Sandbox()
        let (launcher, clock, events) = (FakeLauncher(), TestClock(), TaskEvents())
        launcher.finish("t", .exited(1))
        launcher.finish("t")
        let p = plan([step(0, "s", waves: [[task("t")]], attempts: 3, delay: 10)])
        let core = try await sandbox.scheduler(p, reporter: events, cancellation: RunCancellation(), launcher: launcher, clock: clock.clock)
        defer { core.supervision.finish() }
        let run = Task { await core.driver.run() }
        try await clock.waiting(atLeast: 1, until: clock.now.addingTimeInterval(10))
        clock.advance(by: 9.5)
        #expect(launcher.started == ["t"])  // the delay has not passed: no attempt 2
        clock.advance(by: 0.5)
        let result = await launcher.awaitRun(run)
        #expect(launcher.started == ["t", "t"])
        #expect(events.lines == ["started t 1", "retrying t 1 in 10.0", "started t 2", "finished t"])
        #expect(events.results.map(\.seconds) == [10])  // from the first attempt's start
        #expect(result.steps.map(\.status) == [.completed])
    }

    @Test func theAttemptsAreCountedInTheResult() async throws {
        let sandbox = try Sandbox()
        let (launcher, clock, events) = (FakeLauncher(), TestClock(), TaskEvents())
        for _ in 1...2 { launcher.finish("ok", .exited(1)) }
        launcher.finish("ok")
        for _ in 1...3 { launcher.finish("bad", .exited(2)) }
        let p = plan([step(0, "s", waves: [[task("ok"), task("bad")]], parallelism: 1, attempts: 3, onFailure: .ignore)])
        let core = try await sandbox.scheduler(p, reporter: events, cancellation: RunCancellation(), launcher: launcher, clock: clock.clock)
        defer { core.supervision.finish() }
        let result = await launcher.awaitRun(Task { await core.driver.run() })
        #expect(launcher.started == ["ok", "ok", "ok", "bad", "bad", "bad"])
        #expect(events.results.map(\.key) == ["ok", "bad"])
        #expect(events.results.map(\.attempts) == [3, 3])
        #expect(events.results.map(\.succeeded) == [true, false])
        #expect(result.steps.map(\.retries) == [4])
    }

    /// The renewals fail and the lease runs out while the task waits for its retry: the run stops with exit 5,
    /// attempt 2 is never launched and the task is cancelled, not failed.
    @Test func aLeaseThatRunsOutDuringTheDelayStopsTheRunWithExit5AndNoSecondAttempt() async throws {
        let sandbox = try Sandbox()
        let (launcher, clock, events) = (FakeLauncher(), TestClock(), TaskEvents())
        let store = FlakyStore(sandbox.store)
        store.fail(when: \.isRenewal)
        launcher.finish("t", .exited(1))
        var options = sandbox.options(grace: .seconds(1))
        options.leaseSeconds = 60
        let p = plan([step(0, "s", waves: [[task("t")]], attempts: 2, delay: 100)])
        let run = Task { await Runner(store: store, launcher: launcher, clock: clock.clock, reporter: events).run(p, options: options) }
        try await clock.waiting(atLeast: 1, until: clock.now.addingTimeInterval(100))  // in the delay
        clock.advance(by: 58)  // past the lease less its margin (1 s grace + 2 s)
        let summary = await launcher.awaitRun(run)
        #expect(summary.exitCode == .stateUnavailable)
        #expect(launcher.started == ["t"])
        #expect(events.lines == ["started t 1", "retrying t 1 in 100.0", "finished t"])
        #expect(events.results.map(\.status) == [.cancelled])
        #expect(events.results.map(\.attempts) == [1])
        #expect(summary.steps.map(\.status) == [.cancelled])
    }
}
