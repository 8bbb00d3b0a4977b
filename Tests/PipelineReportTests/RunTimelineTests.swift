import Foundation
import Testing
@testable import PipelineReport

@Suite struct RunTimelineTests {
    func run(_ text: String) throws -> RunTimeline {
        RunTimeline(section: try #require(TimelineParser.parse(text).sections.first))
    }

    @Test func stepsWavesAndTasksBecomeBars() throws {
        let run = try run(sampleTimeline())
        #expect(run.status == "FAILED")
        #expect(run.finished)
        #expect(run.duration == 9.5)
        #expect(run.steps.map(\.name) == ["load", "model"])
        #expect(run.steps[0].waves.map { $0.tasks.map(\.key) } == [["a", "b"], ["c"]])
        #expect(run.steps[0].waves[0].start == 0 && run.steps[0].waves[0].end == 5)
        let b = run.steps[0].waves[0].tasks[1]
        #expect((b.start, b.end, b.outcome) == (0, 5, .succeeded))
        #expect(run.steps[1].status == "failed")
        #expect(run.failure == "task e failed: exit code 2")
    }

    @Test func criticalPathIsTheLastTaskOfEachWaveWhenWavesAreBarriers() throws {
        let run = try run(sampleTimeline())
        #expect(run.criticalPath.map(\.key) == ["b", "c", "e"])
        #expect(run.tasks.filter { !$0.critical }.map(\.key) == ["a", "d"])
    }

    /// A table-order step has no barriers: its path is the chain each task waited for (w read x's table; z and y
    /// ended early and held nothing up), not one task per displayed wave.
    @Test func aTableOrderStepsPathIsTheChainItsTasksWaitedFor() throws {
        var text = line(0, .runStarted) + line(0, .stepStarted, step: "model", stepIndex: 1)
        for (key, start, end, wave) in [("x", 0.0, 3.0, 1), ("y", 0, 1, 1), ("z", 1.01, 2, 2), ("w", 3.02, 5, 2), ("v", 2.01, 2.5, 3)] {
            text += line(start, .taskStarted, step: "model", stepIndex: 1, wave: wave, task: key, attempt: 1)
            text += line(end, .taskFinished, step: "model", stepIndex: 1, wave: wave, task: key, status: "succeeded")
        }
        text += line(5, .stepFinished, step: "model", stepIndex: 1, status: "completed") + line(5, .runFinished, status: "COMPLETED")
        let run = try run(text)
        #expect(run.criticalPath.map(\.key) == ["x", "w"])
        #expect(Set(run.tasks.filter { !$0.critical }.map(\.key)) == ["y", "z", "v"])
    }

    @Test func retriesAreAttemptsWithTheirFailure() throws {
        let d = try #require(try run(sampleTimeline()).tasks.first { $0.key == "d" })
        #expect(d.retries == 1)
        #expect(d.attempts.map(\.number) == [1, 2])
        #expect(d.attempts[0].end == 6.5)
        #expect(d.attempts[0].failure == "exit code 1")
        #expect(d.attempts[1].failure == nil)
        let e = try #require(try run(sampleTimeline()).tasks.first { $0.key == "e" })
        #expect(e.outcome == .failed)
        #expect(e.attempts.last?.failure == "exit code 2")
    }

    @Test func aKilledRunLeavesOpenBarsEndingWithTheTimeline() throws {
        let run = try run(sampleTimeline(finished: false))
        #expect(!run.finished)
        #expect(run.status == "UNFINISHED")
        #expect(run.duration == 7)
        let e = try #require(run.tasks.first { $0.key == "e" })
        #expect((e.outcome, e.end) == (.unfinished, 7))
        #expect(e.attempts.map(\.end) == [7])
        #expect(run.steps[1].status == "running" && run.steps[1].end == 7)
        // d and e both started at 6 and end at 7: a tie goes to the task listed first.
        #expect(run.criticalPath.map(\.key) == ["b", "c", "d"])
    }

    @Test func aSkippedStepHasNoBarsButItsReason() throws {
        let text = line(0, .runStarted) + line(0, .stepSkipped, step: "create", stepIndex: 1, status: "skipped", reason: "completed in run 1")
            + line(0.1, .runFinished, status: "COMPLETED")
        let run = try run(text)
        #expect(run.steps.count == 1)
        #expect(run.steps[0].status == "skipped")
        #expect(run.steps[0].reason == "completed in run 1")
        #expect(run.steps[0].waves.isEmpty)
        #expect(run.criticalPath.isEmpty)
    }
}
