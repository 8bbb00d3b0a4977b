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
        #expect(summary.steps.first?.status == .failed("task stuck failed: timed out after 2.0s", continued: false))
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
        #expect(summary.steps.first?.status == .failed("task stubborn failed: timed out after 2.0s", continued: false))
        #expect(elapsed >= .milliseconds(2500))
        let pids = try sandbox.recordedPIDs()
        #expect(pids.count == 2)
        #expect(await Processes.survivors(of: pids) == [])
    }

    @Test func cancellingStopsLaunchingKillsChildrenAndRecordsCancelled() async throws {
        let sandbox = try Sandbox()
        let p = plan([
            step(0, "s", waves: [[task("h1", "-- stub: hang"), task("h2", "-- stub: hang"), task("later")]], parallelism: 2),
            step(1, "flush", waves: [[task("flushed")]], always: true),
        ])
        let cancellation = RunCancellation()
        let run = Task { await runner(sandbox, reporter: Recorder()).run(p, options: sandbox.options(), cancellation: cancellation) }
        // Wait until both children are up.
        for _ in 0..<600 where try sandbox.recordedPIDs().count < 4 { try await Task.sleep(for: .milliseconds(50)) }
        cancellation.cancel(signal: SIGTERM)
        let summary = await run.value
        #expect(summary.exitCode == .terminated)
        #expect(Set(try sandbox.started()) == ["h1", "h2"])
        #expect(summary.steps.map(\.status) == [.cancelled, .skipped("run cancelled")])
        let record = try #require(try await sandbox.store.read(RunKey(correlationID: "corr-1", product: "PDM")))
        #expect(record.status == .cancelled)
        #expect(record.failureReason == "interrupted by SIGTERM")
        #expect(record.currentStep == "s")
        let pids = try sandbox.recordedPIDs()
        #expect(pids.count == 4)
        #expect(await Processes.survivors(of: pids) == [])
    }

    @Test func cancelledBeforeTheFirstStepRunsNothing() async throws {
        let sandbox = try Sandbox()
        let cancellation = RunCancellation()
        cancellation.cancel(signal: SIGINT)
        let summary = await runner(sandbox, reporter: Recorder())
            .run(plan([step(0, "s", waves: [[task("t")]])]), options: sandbox.options(), cancellation: cancellation)
        #expect(summary.exitCode == .interrupted)
        #expect(try sandbox.started() == [])
        let record = try #require(try await sandbox.store.read(RunKey(correlationID: "corr-1", product: "PDM")))
        #expect(record.status == .cancelled)
    }
}
