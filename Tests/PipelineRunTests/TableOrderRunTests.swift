import Foundation
import PipelinePlan
import PipelineState
import Testing
@testable import PipelineRun

/// Table order with real processes (the stub engine): a task starts as soon as the tables it reads are written,
/// not when an unrelated slow task of the same wave ends. Ordering is by cause (files the stub waits for), never
/// by sleeping.
@Suite struct TableOrderRunTests {
    /// A stub task with its tables as the planner would have read them.
    func tableTask(_ key: String, _ sql: String = "select 1", reads: [String] = [], writes: [String] = []) -> PlanTask {
        var made = task(key, sql)
        made.tables = TaskTables(reads: reads, writes: writes)
        return made
    }

    func tableStep(_ name: String, _ waves: [[PlanTask]], parallelism: Int = 2, onFailure: FailurePolicy = .stop) -> PlanStep {
        var made = step(0, name, waves: waves, parallelism: parallelism, onFailure: onFailure, resume: .task)
        made.order = .tables
        return made
    }

    @Test func aTaskStartsBeforeAnUnrelatedSlowOneEnds() async throws {
        let sandbox = try Sandbox()
        let marker = sandbox.root.appendingPathComponent("use-started").path
        // As waves a human would number them, `use` would wait for `slow`, which waits for `use`: only table
        // order can finish this step (the stub gives up waiting after 60 s, and the test would see the order).
        let model = tableStep("model", [
            [tableTask("slow", "-- stub: wait-for \(marker)", writes: ["m.other"]), tableTask("make", writes: ["m.t"])],
            [tableTask("use", "-- stub: touch \(marker)", reads: ["m.t"], writes: ["m.u"])],
        ])
        let summary = await runner(sandbox, reporter: Recorder()).run(plan([model]), options: sandbox.options())
        #expect(summary.exitCode == .success)
        let events = try sandbox.events()
        func time(_ kind: String, _ key: String) throws -> Double { try #require(events.first { $0.kind == kind && $0.task == key }).time }
        #expect(try time("end", "make") <= time("start", "use"))
        #expect(try time("start", "use") < time("end", "slow"))
        #expect(summary.steps.map(\.tasksRun) == [3])
    }

    @Test func aFailedWriterHoldsBackItsReadersAndFailsTheStep() async throws {
        let sandbox = try Sandbox()
        let marker = sandbox.root.appendingPathComponent("bad-finished").path
        let model = tableStep("model", [[
            tableTask("bad", "-- stub: fail always", writes: ["m.t"]),
            tableTask("reader", reads: ["m.t"]),
            // Ends only once the runner has seen `bad` fail: the reader's slot is free by then, and must stay free.
            tableTask("unrelated", "-- stub: wait-for \(marker)", writes: ["m.x"]),
        ]], parallelism: 3)
        let reporter = Recorder { key in
            if key == "bad" { FileManager.default.createFile(atPath: marker, contents: nil) }
        }
        let summary = await runner(sandbox, reporter: reporter).run(plan([model]), options: sandbox.options())
        #expect(summary.exitCode == .stepFailed)
        #expect(Set(try sandbox.started()) == ["bad", "unrelated"])
        #expect(summary.steps.map(\.status) == [.failed("task bad failed: exit code 1", ignored: false)])
        let record = try #require(try await sandbox.store.read(RunKey(correlationID: "corr-1", product: "PDM")))
        #expect(record.currentStep == "model")
        #expect(record.completedTasks == ["unrelated"])
    }

    @Test func aResumedStepRunsOnlyWhatIsLeftInTableOrder() async throws {
        let sandbox = try Sandbox()
        let failing = tableStep("model", [[
            tableTask("dim", writes: ["m.dim"]),
            tableTask("fact", "-- stub: fail always", reads: ["m.dim"], writes: ["m.fact"]),
            tableTask("summary", reads: ["m.fact"]),
        ]])
        let first = await runner(sandbox, reporter: Recorder()).run(plan([failing]), options: sandbox.options())
        #expect(first.exitCode == .stepFailed)
        #expect(try sandbox.started() == ["dim", "fact"])

        try FileManager.default.removeItem(at: sandbox.record)
        let fixed = tableStep("model", [[
            tableTask("dim", writes: ["m.dim"]), tableTask("fact", reads: ["m.dim"], writes: ["m.fact"]),
            tableTask("summary", reads: ["m.fact"]),
        ]])
        let second = await runner(sandbox, reporter: Recorder()).run(plan([fixed]), options: sandbox.options(force: false))
        #expect(second.exitCode == .success)
        // dim succeeded before: not run again, and fact does not wait for it.
        #expect(try sandbox.started() == ["fact", "summary"])
    }
}
