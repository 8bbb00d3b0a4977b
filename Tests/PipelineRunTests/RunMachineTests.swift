import Foundation
import PipelinePlan
import PipelineState
import Testing
@testable import PipelineRun

/// The scheduling rules as a pure state machine: event sequences in, decisions out. No process, no clock, no
/// store; each test is the rule it names.
@Suite struct RunMachineTests {
    func opened(_ name: String, carried: [String] = []) -> RunMachine.Event {
        .checkpointed(.stepStarted(step: name, carried: carried), nil)
    }

    @Test func stepsRunInOrderAndEachWaveIsABarrier() {
        let p = [step(0, "s", waves: [[task("a1"), task("a2")], [task("b1")]]), step(1, "t", waves: [[task("c")]])]
        var m = RunMachine(steps: p)
        #expect(m(.start) == [.checkpoint(.stepStarted(step: "s", carried: []))])
        #expect(m(opened("s")) == [
            .progress(.stepStarted(step: 0, tasks: 3, skippedTasks: 0)),
            .progress(.waveStarted(step: 0, wave: p[0].waves[0], tasks: 2)),
            .launch(step: 0, ordinal: 0), .launch(step: 0, ordinal: 1),
        ])
        // A free slot does not start the next wave while this one runs.
        #expect(m(.taskFinished(step: 0, ordinal: 1, ended("a2"))) == [.progress(.taskFinished(step: 0, ordinal: 1, ended("a2")))])
        #expect(m(.taskFinished(step: 0, ordinal: 0, ended("a1"))) == [
            .progress(.taskFinished(step: 0, ordinal: 0, ended("a1"))),
            .progress(.waveStarted(step: 0, wave: p[0].waves[1], tasks: 1)), .launch(step: 0, ordinal: 2),
        ])
        let done = StepSummary(index: 1, name: "s", status: .completed, tasks: 3, tasksRun: 3, tasksSkipped: 0, retries: 0, seconds: 0)
        #expect(m(.taskFinished(step: 0, ordinal: 2, ended("b1"))) == [
            .progress(.taskFinished(step: 0, ordinal: 2, ended("b1"))), .progress(.stepFinished(done)),
            .checkpoint(.stepCompleted(step: "s")),
        ])
        // The next step starts only once the completion is stored.
        #expect(m(.checkpointed(.stepCompleted(step: "s"), nil)) == [.checkpoint(.stepStarted(step: "t", carried: []))])
        #expect(m(opened("t")).launched == [0])
        let end = m(.taskFinished(step: 1, ordinal: 0, ended("c")))
        #expect(end.checkpoints == [.stepCompleted(step: "t")])
        let result = m(.checkpointed(.stepCompleted(step: "t"), nil)).result
        #expect(result?.steps.map(\.status) == [.completed, .completed])
        #expect(result?.ending == RunResult.Ending(status: .completed, reason: nil, exitCode: .success, write: true))
        #expect(m(.start) == [])  // finished: nothing more
    }

    @Test func noMoreThanTheStepsParallelismRunAtOnce() {
        var sim = MachineRun([step(0, "s", waves: [(1...7).map { task("t\($0)") }], parallelism: 3)])
        let result = sim.run()
        #expect(sim.peak == 3)
        #expect(sim.started == (1...7).map { "t\($0)" })
        #expect(result.steps.map(\.tasksRun) == [7])
    }

    @Test func inTableOrderATaskStartsAsSoonAsWhatItReadsIsWritten() {
        func tableTask(_ key: String, reads: [String] = [], writes: [String]) -> PlanTask {
            var made = task(key)
            made.tables = TaskTables(reads: reads, writes: writes)
            return made
        }
        var model = step(0, "model", waves: [
            [tableTask("slow", writes: ["m.other"]), tableTask("make", writes: ["m.t"])],
            [tableTask("use", reads: ["m.t"], writes: ["m.u"])],
        ], parallelism: 2)
        model.order = .tables
        var m = RunMachine(steps: [model])
        _ = m(.start)
        let first = m(opened("model"))
        #expect(Set(first.launched) == [0, 1])
        #expect(!first.contains { if case .progress(.waveStarted) = $0 { true } else { false } })  // one group, no waves
        // `make` ends while `slow` still runs: its reader starts at once.
        #expect(m(.taskFinished(step: 0, ordinal: 1, ended("make"))).launched == [2])
        _ = m(.taskFinished(step: 0, ordinal: 2, ended("use")))
        #expect(m(.taskFinished(step: 0, ordinal: 0, ended("slow"))).finished.map(\.status) == [.completed])
    }

    @Test func aFailureStopsNewLaunchesRunningTasksFinishLaterStepsAreSkippedButAlways() throws {
        let p = [
            step(0, "load", waves: [[task("slow"), task("bad"), task("never"), task("never2")]], parallelism: 2),
            step(1, "later", waves: [[task("skipped")]]),
            step(2, "flush", waves: [[task("flushed")]], always: true),
        ]
        var m = RunMachine(steps: p)
        _ = m(.start)
        #expect(m(opened("load")).launched == [0, 1])
        #expect(m(.taskFinished(step: 0, ordinal: 1, ended("bad", exit1))).launched == [])
        let closed = m(.taskFinished(step: 0, ordinal: 0, ended("slow")))
        #expect(closed.launched == [])
        #expect(closed.finished.map(\.status) == [.failed("task bad failed: exit code 1", ignored: false)])
        #expect(closed.checkpoints == [.stepFailed(step: "load", reason: "task bad failed: exit code 1", continuing: false)])
        let next = m(.checkpointed(try #require(closed.checkpoints.first), nil))
        #expect(next.skipped == ["after failure of step 'load'"])
        #expect(next.checkpoints == [.stepStarted(step: "flush", carried: [])])
        _ = m(opened("flush"))
        _ = m(.taskFinished(step: 2, ordinal: 0, ended("flushed")))
        let result = m(.checkpointed(.stepCompleted(step: "flush"), nil)).result
        #expect(result?.failedStep == "load")
        #expect(result?.haltedBy == "load")
        #expect(result?.steps.map(\.status) == [
            .failed("task bad failed: exit code 1", ignored: false), .skipped("after failure of step 'load'"), .completed,
        ])
        #expect(result?.ending.exitCode == .stepFailed)
    }

    @Test func onFailureContinueRunsLaterStepsAndFailsTheRunAtTheFirstFailedStep() {
        var sim = MachineRun([
            step(0, "transform", waves: [[task("t")]], onFailure: .continue),
            step(1, "model", waves: [[task("bad"), task("m2")]], parallelism: 1, onFailure: .continue),
            step(2, "views", waves: [[task("bad2")]], onFailure: .continue),
            step(3, "flush", waves: [[task("flushed")]], always: true),
        ])
        sim.status = { $0.hasPrefix("bad") ? exit1 : .succeeded }
        let result = sim.run()
        #expect(sim.started == ["t", "bad", "bad2", "flushed"])  // the failing step stops launching its own tasks
        #expect(result.failedStep == "model")
        #expect(result.haltedBy == nil)
        #expect(sim.trace.checkpoints.filter { if case .stepFailed = $0 { true } else { false } } == [
            .stepFailed(step: "model", reason: "task bad failed: exit code 1", continuing: false),
            .stepFailed(step: "views", reason: "task bad2 failed: exit code 1", continuing: true),
        ])
        #expect(result.ending.reason == "step 'model' failed: task bad failed: exit code 1")
    }

    @Test func onFailureIgnoreRunsEveryTaskAndRecordsTheStepFailedThenDone() {
        var sim = MachineRun([
            step(0, "initial", waves: [[task("bad"), task("after")], [task("bad2")]], parallelism: 1, onFailure: .ignore),
            step(1, "next", waves: [[task("ok")]]),
        ])
        sim.status = { $0.hasPrefix("bad") ? exit1 : .succeeded }
        let result = sim.run()
        #expect(sim.started == ["bad", "after", "bad2", "ok"])
        let reason = "task bad failed: exit code 1 (and 1 more task(s) failed)"
        #expect(result.steps.map(\.status) == [.failed(reason, ignored: true), .completed])
        #expect(sim.trace.checkpoints.filter { if case .taskCompleted = $0 { false } else { true } } == [
            .stepStarted(step: "initial", carried: []), .stepFailed(step: "initial", reason: reason, continuing: true),
            .stepCompleted(step: "initial"), .stepStarted(step: "next", carried: []), .stepCompleted(step: "next"),
        ])
        #expect(result.failedStep == nil)
        #expect(result.ending.exitCode == .success)
    }

    @Test func stepsSkippedByConditionSelectionOrAnEarlierRunSayWhy() {
        var sim = MachineRun([
            step(0, "cond", waves: [[task("x")]], disposition: .skippedCondition("initial_load (false)")),
            step(1, "sel", waves: [[task("y")]], disposition: .skippedSelection("before --from model")),
            step(2, "done", waves: [[task("w")]], disposition: .skippedCompleted(previousRunID: 4)),
            step(3, "model", waves: [[task("z")]]),
        ])
        let result = sim.run()
        #expect(sim.trace.skipped == ["condition false: initial_load (false)", "before --from model", "completed in run 4"])
        #expect(sim.started == ["z"])
        // Only a step that ran and succeeded is recorded done.
        #expect(sim.trace.checkpoints == [.stepStarted(step: "model", carried: []), .stepCompleted(step: "model")])
        #expect(result.steps.map(\.tasks) == [1, 1, 1, 1])
    }
}
