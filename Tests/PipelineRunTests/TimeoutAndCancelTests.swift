import Foundation
import PipelinePlan
import PipelineState
import Testing
import TestSupport
@testable import PipelineRun

@Suite struct TimeoutAndCancelTests {
    @Test func timeoutKillsTheWholeProcessGroup() async throws {
        let sandbox = try Sandbox()
        let p = plan([step(0, "s", waves: [[task("stuck", "-- stub: hang")]], timeout: 2)])
        let summary = await runner(sandbox, reporter: Recorder()).run(p, options: sandbox.options())
        #expect(summary.exitCode == .stepFailed)
        #expect(summary.steps.first?.status == .failed("task stuck failed: timed out after 2.0s", ignored: false))
        let pids = try sandbox.recordedPIDs()
        #expect(pids.count == 2)  // the stub and its `sleep 1000`
        #expect(await Processes.survivors(of: pids) == [])
    }

    @Test func timeoutEscalatesToSIGKILLWhenSIGTERMIsIgnored() async throws {
        let sandbox = try Sandbox()
        let p = plan([step(0, "s", waves: [[task("stubborn", "-- stub: ignore-term\n-- stub: hang")]], timeout: 2)])
        let started = ContinuousClock.now
        let summary = await runner(sandbox, reporter: Recorder()).run(p, options: sandbox.options(grace: .milliseconds(500)))
        let elapsed = ContinuousClock.now - started
        #expect(summary.steps.first?.status == .failed("task stubborn failed: timed out after 2.0s", ignored: false))
        #expect(elapsed >= .milliseconds(2500))
        let pids = try sandbox.recordedPIDs()
        #expect(pids.count == 2)
        #expect(await Processes.survivors(of: pids) == [])
    }

    /// A signal is recorded FAILED by default, as the original recorded a cancelled step (its relauncher and AUDIT
    /// table know no CANCELLED); `recordCancelled` keeps CANCELLED. The exit code and the summary's status (what
    /// the metrics push: "cancelled") are the same either way, and so is the resume.
    @Test(arguments: [false, true])
    func cancellingStopsLaunchingKillsChildrenAndRecordsTheRun(recordCancelled: Bool) async throws {
        let sandbox = try Sandbox()
        let first = step(0, "first", waves: [[task("done")]])
        let p = plan([
            first,
            step(1, "s", waves: [[task("h1", "-- stub: hang"), task("h2", "-- stub: hang"), task("later")]], parallelism: 2),
            step(2, "flush", waves: [[task("flushed")]], always: true),
        ])
        let cancellation = RunCancellation()
        var options = sandbox.options()
        options.policy.recordCancelled = recordCancelled
        let run = Task { [options] in await runner(sandbox, reporter: Recorder()).run(p, options: options, cancellation: cancellation) }
        // Wait until both children are up.
        for _ in 0..<600 where try sandbox.recordedPIDs().count < 5 { try await Task.sleep(for: .milliseconds(50)) }
        cancellation.cancel(signal: SIGTERM)
        let summary = await run.value
        #expect(summary.exitCode == .terminated)
        #expect(summary.status == .cancelled)
        #expect(summary.recordedStatus == (recordCancelled ? .cancelled : .failed))
        #expect(Set(try sandbox.started()) == ["done", "h1", "h2"])
        #expect(summary.steps.map(\.status) == [.completed, .cancelled, .skipped("run cancelled")])
        let record = try #require(try await sandbox.store.read(RunKey(correlationID: "corr-1", product: "PDM")))
        #expect(record.status == (recordCancelled ? .cancelled : .failed))
        #expect(record.failureReason == (recordCancelled ? "interrupted by SIGTERM" : "cancelled: interrupted by SIGTERM"))
        #expect(record.currentStep == "s")
        #expect(summary.text.contains(recordCancelled ? "CANCELLED (interrupted by SIGTERM) in" : "CANCELLED (interrupted by SIGTERM), recorded FAILED in"))
        let pids = try sandbox.recordedPIDs()
        #expect(pids.count == 5)
        #expect(await Processes.survivors(of: pids) == [])

        // Either record resumes the same way: Run_Id 2 at the step that was running.
        try FileManager.default.removeItem(at: sandbox.record)
        let resumed = await runner(sandbox, reporter: Recorder()).run(
            plan([first, step(1, "s", waves: [[task("h1"), task("h2"), task("later")]])]),
            options: sandbox.options())
        #expect(resumed.exitCode == .success)
        #expect(resumed.runID == 2)
        #expect(Set(try sandbox.started()) == ["h1", "h2", "later"])
        #expect(try await sandbox.store.read(RunKey(correlationID: "corr-1", product: "PDM"))?.status == .completed)
    }

    @Test(arguments: [false, true])
    func cancelledBeforeTheFirstStepRunsNothing(recordCancelled: Bool) async throws {
        let sandbox = try Sandbox()
        let cancellation = RunCancellation()
        cancellation.cancel(signal: SIGINT)
        var options = sandbox.options()
        options.policy.recordCancelled = recordCancelled
        let summary = await runner(sandbox, reporter: Recorder())
            .run(plan([step(0, "s", waves: [[task("t")]])]), options: options, cancellation: cancellation)
        #expect(summary.exitCode == .interrupted)
        #expect(try sandbox.started() == [])
        let record = try #require(try await sandbox.store.read(RunKey(correlationID: "corr-1", product: "PDM")))
        #expect(record.status == (recordCancelled ? .cancelled : .failed))
        #expect(record.failureReason == (recordCancelled ? "interrupted by SIGINT" : "cancelled: interrupted by SIGINT"))
    }
}
