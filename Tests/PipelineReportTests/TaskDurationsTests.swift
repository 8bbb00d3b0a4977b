import Foundation
import PipelinePlan
import Testing
import TestSupport
@testable import PipelineReport

/// The last run's task times, read back from its timeline for table order's priority.
@Suite struct TaskDurationsTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-durations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func write(_ text: String, to base: URL, run: String, modified: Date) throws {
        let folder = base.appendingPathComponent(run)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(TimelineRecorder.fileName)
        try text.write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: file.path)
    }

    @Test func theNewestRunOfThePipelineGivesTheTimesOfItsSucceededTasks() throws {
        let base = try folder()
        defer { try? FileManager.default.removeItem(at: base) }
        // An older run with other times, and a newer one: the newer wins. `d` succeeded on its second attempt
        // (6.6–7 s); `e` failed, so it has no time.
        try write(line(0, .runStarted) + taskLines("a", 0, 9, step: "load", 1, wave: 1), to: base, run: "c-0-run1", modified: t0)
        try write(sampleTimeline(), to: base, run: "c-1-run1", modified: t0.addingTimeInterval(60))
        let durations = try #require(TaskDurations.latest(pipeline: "test", bases: [base]))
        #expect(durations.seconds.mapValues { ($0 * 10).rounded() / 10 } == ["a": 2, "b": 5, "c": 1, "d": 0.4])
        #expect(TaskDurations.latest(pipeline: "other", bases: [base]) == nil)
        #expect(TaskDurations.latest(pipeline: "test", bases: [base.appendingPathComponent("missing")]) == nil)
    }

    @Test func aPlanExpectsTheTimesOfTheTasksItKnows() throws {
        let step = Plans.step(index: 1, name: "load", waves: [[Plans.statement("a", "select 1"), Plans.statement("x", "select 1")]])
        let plan = Plans.plan([step]).expecting(TaskDurations(runID: 1, timeline: URL(fileURLWithPath: "/t"), seconds: ["a": 2]))
        #expect(plan.steps[0].tasks.map(\.expectedSeconds) == [2, nil])
        // A task without a time counts as the mean of those known.
        #expect(plan.steps[0].expectedSeconds == [2, 2])
        #expect(Plans.plan([step]).steps[0].expectedSeconds == [1, 1])
    }
}
