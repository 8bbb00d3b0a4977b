import Foundation
import PipelinePlan
import PipelineState
import Testing
import TestSupport
@testable import PipelineRun

/// Issue 18, item 11: the retry loop never asked the fence, so 0.1 s after a takeover the old runner started
/// attempt 2 of a task. Every attempt now passes the same lease check as a first launch. As in
/// `StopWindowTests`, nothing is registered with the cancellation, so a stop sets only the reason: the fence
/// refuses launches while the work is not (yet) cancelled, and only that check can stop the retry.
@Suite struct RetryFenceTests {
    /// Declares the run superseded when the task is about to be retried.
    struct SupersedeOnRetry: RunReporter {
        let cancellation: RunCancellation

        func report(_ event: RunEvent) {
            if case .taskRetrying = event {
                cancellation.stop(.superseded(.superseded(key, runID: 1, found: 2)))
            }
        }
    }

    @Test func aSupersededRunnerStartsNoFurtherAttempt() async throws {
        let sandbox = try Sandbox()
        let p = plan([step(0, "s", waves: [[task("t", "-- stub: fail always")]], attempts: 3, delay: 0)])
        let cancellation = RunCancellation()
        let reporter = SupersedeOnRetry(cancellation: cancellation)
        let run = try await sandbox.scheduler(p, reporter: reporter, cancellation: cancellation)
        defer { run.supervision.finish() }
        let outcome = await run.driver.run()
        #expect(try sandbox.started() == ["t"])  // attempt 1 only
        #expect(outcome.steps.map(\.status) == [.cancelled])
        #expect(outcome.failedStep == nil)
    }

    /// The same check when the lease runs out by the runner's own clock between two attempts.
    @Test func noAttemptStartsOnceTheLeaseIsTooCloseToRunningOut() async throws {
        let sandbox = try Sandbox()
        let begunAt = Date()
        let now = MovableClock(begunAt)
        let p = plan([step(0, "s", waves: [[task("t", "-- stub: fail always")]], attempts: 3, delay: 0)])
        var options = sandbox.options()
        options.leaseSeconds = 60
        // The clock passes the lease's margin as the first attempt fails.
        let reporter = Recorder(onTaskFinished: { _ in })
        struct MoveClockOnRetry: RunReporter {
            let now: MovableClock
            let inner: Recorder
            func report(_ event: RunEvent) {
                if case .taskRetrying = event { now.offset = 59 }
                inner.report(event)
            }
        }
        let summary = await Runner(store: sandbox.store, clock: now.fixed, reporter: MoveClockOnRetry(now: now, inner: reporter))
            .run(p, options: options)
        #expect(try sandbox.started() == ["t"])
        #expect(summary.exitCode == .stateUnavailable)
        #expect(summary.failure?.contains("lease could not be renewed") == true)
    }
}
