import Foundation
import PipelinePlan
import PipelineState
import Testing
import TestSupport
@testable import PipelineRun

/// A signal handler records the stop reason and then cancels the work: for an instant the fence already refuses
/// launches while the work task is not yet cancelled. `scripts/fault-kill-resume` (400 trials on DynamoDB) once
/// landed a SIGTERM there, as a step began: its tasks were not launched, the scheduler took that for a step
/// failure ("10 task(s) of wave 1 not started"), wrote FAILED, and the record kept that reason instead of
/// `cancelled: interrupted by SIGTERM`. Here nothing is registered with the cancellation, so `stop` sets only the
/// reason: the instant, held open.
@Suite struct StopWindowTests {
    /// Stops the run (reason only) when the named step starts.
    struct StopOnStepStart: RunReporter {
        let step: String
        let cancellation: RunCancellation

        func report(_ event: RunEvent) {
            if case .stepStarted(let started, _, _) = event, started.name == step { cancellation.stop(.signal(SIGTERM)) }
        }
    }

    @Test func aStopSeenBeforeTheWorkIsCancelledIsRecordedAsTheStopNotAStepFailure() async throws {
        let sandbox = try Sandbox()
        let p = plan([
            step(0, "first", waves: [[task("a")]]),
            step(1, "s", waves: [[task("t1"), task("t2"), task("t3")]], parallelism: 2),
            step(2, "later", waves: [[task("b")]]),
        ])
        let cancellation = RunCancellation()
        let reporter = StopOnStepStart(step: "s", cancellation: cancellation)
        let run = try await sandbox.scheduler(p, reporter: reporter, cancellation: cancellation)
        defer { run.supervision.finish() }
        var outcome = await run.driver.run()
        #expect(outcome.failedStep == nil)
        #expect(outcome.cancelled)
        #expect(outcome.steps.map(\.status) == [.completed, .cancelled, .skipped("run cancelled")])
        #expect(try sandbox.started() == ["a"])
        // Nothing recorded a failure: the record is still the running one, at the step that was starting.
        let during = try #require(try await sandbox.store.read(key))
        #expect(during.status == .inProgress)
        #expect(during.currentStep == "s")

        // So the ending the runner writes is the stop's, and a rerun resumes at `s`.
        outcome.stop = cancellation.reason
        let end = outcome.ending
        #expect(end.exitCode == .terminated)
        let recorded = end.recorded(keepingCancelled: false)
        try await run.recorder.finish(recorded.status, reason: recorded.reason)
        let after = try #require(try await sandbox.store.read(key))
        #expect(after.status == .failed)
        #expect(after.failureReason == "cancelled: interrupted by SIGTERM")
        #expect(after.currentStep == "s")
    }
}
