import Foundation
import PipelinePlan
import PipelineState
import Testing
@testable import PipelineRun

/// The machine's rules for stops, refused launches and state writes: a stop is never a step failure, a failed
/// write stops launching, a task-level resume checkpoints each completion without holding up the next launch.
@Suite struct RunMachineStopTests {
    let outage = StateError.unavailable(what: "cannot write run record", location: "test store", reason: "injected outage")
    let superseded = StateError.superseded(RunKey(correlationID: "corr-1", product: "PDM"), runID: 1, found: 2)

    func opened(_ name: String, carried: [String] = []) -> RunMachine.Event {
        .checkpointed(.stepStarted(step: name, carried: carried), nil)
    }

    @Test func aStopMidStepCancelsTheStepEvenWhenARunningTaskFails() {
        var m = RunMachine(steps: [
            step(0, "s", waves: [[task("t1"), task("t2"), task("t3")]], parallelism: 2),
            step(1, "later", waves: [[task("b")]], always: true),  // even an `always` step: the run is stopping
        ])
        _ = m(.start)
        #expect(m(opened("s")).launched == [0, 1])
        #expect(m(.stopRequested(.signal(SIGTERM))) == [])
        #expect(m(.taskFinished(step: 0, ordinal: 0, ended("t1", .cancelled))).launched == [])
        // The other was killed by the stop and exited non-zero: that is the stop, not a failure.
        let end = m(.taskFinished(step: 0, ordinal: 1, ended("t2", .failed("exit code 143"))))
        #expect(end.finished.map(\.status) == [.cancelled])
        #expect(end.checkpoints == [])  // neither failed nor done
        #expect(end.skipped == ["run cancelled"])
        let result = end.result
        #expect(result?.cancelled == true)
        #expect(result?.failedStep == nil)
        #expect(result?.steps.map(\.tasksRun) == [2, 0])
    }

    /// `StopWindowTests` with real processes: the stop is seen while the step's opening write is in flight.
    @Test func aStopBeforeTheStepOpensLaunchesNothingAndIsNotAFailure() {
        var m = RunMachine(steps: [step(0, "s", waves: [[task("t1"), task("t2")]]), step(1, "later", waves: [[task("b")]])])
        _ = m(.start)
        _ = m(.stopRequested(.signal(SIGTERM)))
        let end = m(opened("s"))
        #expect(end.launched == [])
        #expect(end.checkpoints == [])
        #expect(end.result?.steps.map(\.status) == [.cancelled, .skipped("run cancelled")])
        #expect(end.result?.failedStep == nil)
    }

    @Test func tasksLeftUnstartedWithoutAStopFailTheStepEvenWhenIgnored() {
        var waves = RunMachine(steps: [step(0, "s", waves: [[task("t1"), task("t2")]], onFailure: .ignore)])
        _ = waves(.start)
        _ = waves(opened("s"))
        _ = waves(.launchRefused(step: 0, ordinal: 0))
        let end = waves(.taskFinished(step: 0, ordinal: 1, ended("t2")))
        #expect(end.finished.map(\.status) == [.failed("1 task(s) of wave 1 not started", ignored: false)])
        #expect(end.checkpoints == [.stepFailed(step: "s", reason: "1 task(s) of wave 1 not started", continuing: false)])

        // A task the executor stopped before its first attempt counts as never started; table order names the step.
        var tables = step(0, "model", waves: [[task("t1"), task("t2")]], parallelism: 1)
        tables.order = .tables
        var m = RunMachine(steps: [tables])
        _ = m(.start)
        #expect(m(opened("model")).launched == [0])
        let refused = m(.taskFinished(step: 0, ordinal: 0, ended("t1", .cancelled, attempts: 0)))
        #expect(refused.launched == [])
        #expect(refused.finished.map(\.status) == [.failed("2 task(s) of step model not started", ignored: false)])
    }

    @Test func aFailedCompletionWriteStopsLaunchingAndTheStepEndsOnlyOnceItsWritesAreBack() throws {
        var m = RunMachine(steps: [
            step(0, "s", waves: [[task("t1"), task("t2"), task("t3")]], parallelism: 1, resume: .task),
            step(1, "later", waves: [[task("b")]]),
        ])
        _ = m(.start)
        #expect(m(opened("s")).launched == [0])
        // The completion goes to the writer and the next task starts without waiting for it.
        let first = m(.taskFinished(step: 0, ordinal: 0, ended("t1")))
        #expect(first.checkpoints == [.taskCompleted(step: "s", task: "t1")])
        #expect(first.launched == [1])
        #expect(m(.checkpointed(.taskCompleted(step: "s", task: "t1"), outage)) == [])
        let second = m(.taskFinished(step: 0, ordinal: 1, ended("t2")))
        #expect(second.launched == [])  // nothing starts after a failed write
        #expect(second.finished == [])  // t2's write is still in flight
        let end = m(.checkpointed(.taskCompleted(step: "s", task: "t2"), nil))
        #expect(end.finished.map(\.status) == [.failed("state store write failed", ignored: false)])
        #expect(end.checkpoints == [.stepFailed(step: "s", reason: "state store write failed", continuing: false)])  // never done
        let result = m(.checkpointed(try #require(end.checkpoints.first), nil))
        #expect(result.skipped == ["state store write failed"])
        #expect(result.result?.stateError == outage)
        #expect(result.result?.ending.exitCode == RunError.state(outage).exitCode)
        #expect(result.result?.ending.reason == "state store write failed: \(outage)")
    }

    @Test func aWriteThatFindsTheRunSupersededStopsItAndNothingMoreIsWritten() throws {
        var m = RunMachine(steps: [step(0, "s", waves: [[task("t1"), task("t2")]], parallelism: 1, resume: .task)])
        _ = m(.start)
        _ = m(opened("s"))
        _ = m(.taskFinished(step: 0, ordinal: 0, ended("t1")))
        #expect(m(.checkpointed(.taskCompleted(step: "s", task: "t1"), superseded)) == [.stop(.superseded(superseded))])
        let end = m(.taskFinished(step: 0, ordinal: 1, ended("t2", .cancelled)))
        #expect(end.finished.map(\.status) == [.cancelled])
        #expect(end.checkpoints == [])
        var result = try #require(end.result)
        result.stop = .superseded(superseded)
        #expect(result.ending.exitCode == .stateConflict)
        #expect(!result.ending.write)
    }

    @Test func aStepWhoseOpeningWriteFailsFailsWithoutRunningAnything() throws {
        var m = RunMachine(steps: [step(0, "s", waves: [[task("t1")]]), step(1, "flush", waves: [[task("f")]], always: true)])
        _ = m(.start)
        let end = m(.checkpointed(.stepStarted(step: "s", carried: []), outage))
        #expect(end.launched == [])
        #expect(end.finished.map(\.status) == [.failed("state store: \(outage)", ignored: false)])
        let next = m(.checkpointed(try #require(end.checkpoints.first), outage))
        #expect(next.skipped == ["state store write failed"])  // even an `always` step
        #expect(next.result?.failedStep == "s")
    }

    @Test func theLeaseRunningOutStopsTheRunOnceAndNothingMoreStarts() {
        var m = RunMachine(steps: [step(0, "s", waves: [[task("t1"), task("t2"), task("t3")]], parallelism: 2)])
        _ = m(.start)
        _ = m(opened("s"))
        #expect(m(.leaseRunningOut("it runs out at 12:00")) == [.stop(.leaseExpiring("it runs out at 12:00"))])
        #expect(m(.leaseRunningOut("again")) == [])
        #expect(m(.taskFinished(step: 0, ordinal: 0, ended("t1"))).launched == [])
        #expect(m(.taskFinished(step: 0, ordinal: 1, ended("t2"))).finished.map(\.status) == [.cancelled])
    }

    @Test func taskLevelResumeCarriesDoneTasksAndLaunchesOnlyTheRest() {
        var done = task("t1")
        done.completedInPreviousRun = true
        var m = RunMachine(steps: [step(0, "s", waves: [[done, task("t2")], [task("t3")]], resume: .task)])
        #expect(m(.start) == [.checkpoint(.stepStarted(step: "s", carried: ["t1"]))])
        let opened = m(opened("s", carried: ["t1"]))
        #expect(opened.first == .progress(.stepStarted(step: 0, tasks: 3, skippedTasks: 1)))
        #expect(opened.launched == [1])
        let second = m(.taskFinished(step: 0, ordinal: 1, ended("t2")))
        #expect(second.launched == [])  // wave 2 waits for t2's completion to be stored
        #expect(m(.checkpointed(.taskCompleted(step: "s", task: "t2"), nil)).launched == [2])
    }

    @Test func theSummaryIsMadeOnceFromTheResult() {
        var result = RunResult(
            steps: [StepSummary(index: 1, name: "s", status: .cancelled, tasks: 1, tasksRun: 1, tasksSkipped: 0, retries: 0, seconds: 1)],
            cancelled: true)
        result.stop = .signal(SIGTERM)
        result.recordedStatus = .failed
        let summary = RunSummary(key: RunKey(correlationID: "c", product: "PDM"), runID: 3, result: result, seconds: 2)
        #expect(summary.status == .cancelled)
        #expect(summary.exitCode == .terminated)
        #expect(summary.failure == "interrupted by SIGTERM")
        #expect(summary.recordedStatus == .failed)
        result.finalWriteError = outage
        result.stop = nil
        #expect(RunSummary(key: summary.key, runID: 3, result: result, seconds: 2).exitCode == RunError.state(outage).exitCode)
    }
}
