import Foundation
import PipelinePlan
import PipelineState
import Testing
@testable import PipelineRun

@Suite struct ResumeTests {
    let key = RunKey(correlationID: "corr-1", product: "PDM")

    func pipeline() -> Plan {
        plan([
            step(0, "create", waves: [[task("create-db")]]),
            step(1, "model", waves: [[task("m1"), task("m2")]]),
            step(2, "views", waves: [[task("v1")]]),
        ])
    }

    @Test func rerunResumesAtTheFailedStepWithRunIdTwo() async throws {
        let sandbox = try Sandbox()
        let first = await runner(sandbox, reporter: Recorder()).run(pipeline(), options: sandbox.options(environment: ["STUB_FAIL": "m2"]))
        #expect(first.exitCode == .stepFailed)
        var record = try #require(try await sandbox.store.read(key))
        #expect(record.status == .failed)
        #expect(record.currentStep == "model")
        #expect(record.runID == 1)

        try FileManager.default.removeItem(at: sandbox.record)
        let reporter = Recorder()
        let second = await runner(sandbox, reporter: reporter).run(pipeline(), options: sandbox.options())
        #expect(second.exitCode == .success)
        #expect(second.runID == 2)
        #expect(Set(try sandbox.started()) == ["m1", "m2", "v1"])
        #expect(second.steps.map(\.status) == [.skipped("completed in run 1"), .completed, .completed])
        #expect(reporter.lines.contains("resuming run 1 at step 'model'") || reporter.lines.contains { $0.hasSuffix("\nresuming run 1 at step 'model'") })
        record = try #require(try await sandbox.store.read(key))
        #expect(record.status == .completed)
        #expect(record.runID == 2)
    }

    @Test func taskLevelResumeSkipsTasksThatSucceeded() async throws {
        let sandbox = try Sandbox()
        let p = plan([step(0, "load", waves: [[task("a"), task("b"), task("c")]], parallelism: 1, resume: .task)])
        let first = await runner(sandbox, reporter: Recorder()).run(p, options: sandbox.options(environment: ["STUB_FAIL": "-- b"]))
        #expect(first.exitCode == .stepFailed)
        #expect(try sandbox.started() == ["a", "b"])
        #expect(try await sandbox.store.read(key)?.completedTasks == ["a"])

        try FileManager.default.removeItem(at: sandbox.record)
        let second = await runner(sandbox, reporter: Recorder()).run(p, options: sandbox.options())
        #expect(second.exitCode == .success)
        #expect(try sandbox.started() == ["b", "c"])
        #expect(second.steps.first?.tasksSkipped == 1)
        #expect(try await sandbox.store.read(key)?.completedTasks == ["a", "b", "c"])
    }

    @Test func stepLevelResumeRunsTheWholeStepAgain() async throws {
        let sandbox = try Sandbox()
        let p = plan([step(0, "load", waves: [[task("a"), task("b")]], parallelism: 1)])
        _ = await runner(sandbox, reporter: Recorder()).run(p, options: sandbox.options(environment: ["STUB_FAIL": "-- b"]))
        try FileManager.default.removeItem(at: sandbox.record)
        _ = await runner(sandbox, reporter: Recorder()).run(p, options: sandbox.options())
        #expect(try sandbox.started() == ["a", "b"])
    }

    @Test func completedRunIsRefusedUnlessForced() async throws {
        let sandbox = try Sandbox()
        let p = plan([step(0, "s", waves: [[task("t")]])])
        _ = await runner(sandbox, reporter: Recorder()).run(p, options: sandbox.options())
        let refused = await runner(sandbox, reporter: Recorder()).run(p, options: sandbox.options())
        #expect(refused.exitCode == .stateConflict)
        #expect(refused.failure == "run corr-1/PDM already COMPLETED (Run_Id 1); use --force to run it again")
        let forced = await runner(sandbox, reporter: Recorder()).run(p, options: sandbox.options(force: true))
        #expect(forced.exitCode == .success)
        #expect(forced.runID == 2)
        #expect(try sandbox.started() == ["t", "t"])
    }

    @Test func corruptStateFileIsReportedAndKept() async throws {
        let sandbox = try Sandbox()
        let url = sandbox.store.recordURL(for: key)
        try FileManager.default.createDirectory(at: sandbox.state, withIntermediateDirectories: true)
        try Data("garbage".utf8).write(to: url)
        let summary = await runner(sandbox, reporter: Recorder()).run(plan([step(0, "s", waves: [[task("t")]])]), options: sandbox.options())
        #expect(summary.exitCode == .stateUnavailable)
        #expect(summary.failure == "\(url.path): corrupt state record: not valid JSON; fix or remove it by hand")
        #expect(try String(contentsOf: url, encoding: .utf8) == "garbage")
        #expect(try sandbox.started() == [])
    }

    @Test func resumePointMissingFromThePipelineIsUnusableInput() async throws {
        let sandbox = try Sandbox()
        _ = await runner(sandbox, reporter: Recorder())
            .run(plan([step(0, "old", waves: [[task("x", "-- stub: fail always")]])]), options: sandbox.options())
        let summary = await runner(sandbox, reporter: Recorder()).run(pipeline(), options: sandbox.options())
        #expect(summary.exitCode == .unusableInput)
        #expect(summary.failure == "run 1 stopped at step 'old', which this pipeline does not have; choose where to start with --from STEP")
        // The resume point is kept for the next attempt.
        #expect(try await sandbox.store.read(key)?.currentStep == "old")
    }
}
