import Foundation
import PipelinePlan
import PipelineState
import Testing
import TestSupport
@testable import PipelineRun

/// The run core end to end (`Runner` → `RunDriver` → `RunMachine`, the real store, executor and fence) on a fake
/// launcher and a test clock: tasks end when the test says so, time moves when the test moves it, nothing
/// sleeps. Ordering is by cause: the test waits for what the runner did (a launch, a reported end), never for
/// time to pass. The same rules with real processes are `SchedulerTests`, `FencingTests` and their kin.
@Suite struct RunDriverTests {
    func runner(_ sandbox: Sandbox, _ launcher: FakeLauncher, _ clock: TestClock, reporter: any RunReporter = Recorder(), store: (any StateStore)? = nil) -> Runner {
        Runner(store: store ?? sandbox.store, launcher: launcher, clock: clock.clock, reporter: reporter)
    }

    @Test func theParallelismLimitHolds() async throws {
        let sandbox = try Sandbox()
        let (launcher, clock) = (FakeLauncher(), TestClock())
        let p = plan([step(0, "s", waves: [(1...6).map { task("t\($0)") }], parallelism: 2)])
        let run = Task { await runner(sandbox, launcher, clock).run(p, options: sandbox.options()) }
        for i in 1...6 {
            // Two run at once while two are left to run; each end starts exactly one more.
            try await launcher.waitUntil { $0.contains("t\(i)") && $0.count == min(2, 7 - i) }
            launcher.finish("t\(i)")
        }
        let summary = await launcher.awaitRun(run)
        #expect(summary.exitCode == .success)
        #expect(launcher.peak == 2)
        #expect(launcher.started.sorted() == (1...6).map { "t\($0)" })  // each once (two launched together start in either order)
    }

    @Test func aWaveStartsOnlyOnceEveryTaskOfTheWaveBeforeHasEnded() async throws {
        let sandbox = try Sandbox()
        let (launcher, clock, trace, events) = (FakeLauncher(), TestClock(), Trace(), EventLog())
        let p = plan([step(0, "s", waves: [[task("a1"), task("a2")], [task("b1")]])])
        let cancellation = RunCancellation()
        let core = try await sandbox.scheduler(
            p, reporter: events, cancellation: cancellation, launcher: launcher, clock: clock.clock, trace: trace.hook)
        defer { core.supervision.finish() }
        let run = Task { await core.driver.run() }
        try await launcher.waitUntil { $0 == ["a1", "a2"] }
        launcher.finish("a2")
        try await events.waitForFinished("a2")  // the runner has a free slot: still not b1's
        launcher.finish("a1")
        try await launcher.waitUntil { $0 == ["b1"] }
        launcher.finish("b1")
        let result = await launcher.awaitRun(run)
        #expect(result.steps.map(\.status) == [.completed])
        #expect(launcher.log == ["start a1", "start a2", "end a2", "end a1", "start b1", "end b1"]
            || launcher.log == ["start a2", "start a1", "end a2", "end a1", "start b1", "end b1"])
        // The decisions themselves: b1 is launched in the batch that handles a1's end, not a2's.
        let b1 = try #require(trace.index { $0 == .launch(step: 0, ordinal: 2) })
        let a1 = try #require(trace.index { if case .progress(.taskFinished(0, 0, _)) = $0 { true } else { false } })
        let a2 = try #require(trace.index { if case .progress(.taskFinished(0, 1, _)) = $0 { true } else { false } })
        #expect(a2 < a1 && a1 < b1)
    }

    @Test func inTableOrderATaskStartsOnceWhatItReadsIsWrittenNotWhenItsWaveEnds() async throws {
        let sandbox = try Sandbox()
        let (launcher, clock) = (FakeLauncher(), TestClock())
        func tableTask(_ key: String, reads: [String] = [], writes: [String]) -> PlanTask {
            var made = task(key)
            made.tables = TaskTables(reads: reads, writes: writes)
            return made
        }
        var model = step(0, "model", waves: [
            [tableTask("slow", writes: ["m.other"]), tableTask("make", writes: ["m.t"])], [tableTask("use", reads: ["m.t"], writes: ["m.u"])],
        ], parallelism: 2)
        model.order = .tables
        let run = Task { await runner(sandbox, launcher, clock).run(plan([model]), options: sandbox.options()) }
        try await launcher.waitUntil { $0 == ["slow", "make"] }
        launcher.finish("make")
        try await launcher.waitUntil { $0 == ["slow", "use"] }  // `slow`, of the first wave, still runs
        launcher.finish("use")
        launcher.finish("slow")
        let summary = await launcher.awaitRun(run)
        #expect(summary.exitCode == .success)
        #expect(summary.steps.map(\.tasksRun) == [3])
    }

    @Test func aFailureStopsNewLaunchesWhileRunningTasksFinish() async throws {
        let sandbox = try Sandbox()
        let (launcher, clock, events) = (FakeLauncher(), TestClock(), EventLog())
        let p = plan([
            step(0, "load", waves: [[task("slow"), task("bad"), task("never"), task("never2")]], parallelism: 2),
            step(1, "later", waves: [[task("skipped")]]),
            step(2, "flush", waves: [[task("flushed")]], always: true),
        ])
        let run = Task { await runner(sandbox, launcher, clock, reporter: events).run(p, options: sandbox.options()) }
        try await launcher.waitUntil { $0 == ["slow", "bad"] }
        launcher.finish("bad", .exited(1))
        try await events.waitForFinished("bad")  // the runner knows; `slow`'s slot, once free, must stay free
        launcher.finish("slow")
        try await launcher.waitUntil { $0 == ["flushed"] }
        launcher.finish("flushed")
        let summary = await launcher.awaitRun(run)
        #expect(summary.exitCode == .stepFailed)
        #expect(launcher.started.sorted() == ["bad", "flushed", "slow"])
        #expect(launcher.log.firstIndex(of: "end slow")! > launcher.log.firstIndex(of: "end bad")!)  // slow was let finish
        #expect(summary.steps.map(\.status) == [
            .failed("task bad failed: exit code 1", ignored: false), .skipped("after failure of step 'load'"), .completed,
        ])
        let record = try #require(try await sandbox.store.read(key))
        #expect(record.status == .failed)
        #expect(record.currentStep == "load")
    }

    @Test func onFailureIgnoreAndContinue() async throws {
        let sandbox = try Sandbox()
        let (launcher, clock) = (FakeLauncher(), TestClock())
        for key in ["bad0", "bad"] { launcher.finish(key, .exited(1)) }
        for key in ["after", "m2", "v", "flushed"] { launcher.finish(key) }
        let p = plan([
            step(0, "initial", waves: [[task("bad0"), task("after")]], parallelism: 1, onFailure: .ignore),
            step(1, "model", waves: [[task("bad"), task("m2")]], parallelism: 1, onFailure: .continue),
            step(2, "views", waves: [[task("v")]], onFailure: .continue),
            step(3, "flush", waves: [[task("flushed")]], always: true),
        ])
        let run = Task { await runner(sandbox, launcher, clock).run(p, options: sandbox.options()) }
        let summary = await launcher.awaitRun(run)
        #expect(launcher.started == ["bad0", "after", "bad", "v", "flushed"])
        #expect(summary.steps.map(\.status) == [
            .failed("task bad0 failed: exit code 1", ignored: true), .failed("task bad failed: exit code 1", ignored: false),
            .completed, .completed,
        ])
        #expect(summary.exitCode == .stepFailed)
        #expect(summary.failedStep == "model")
        let record = try #require(try await sandbox.store.read(key))
        #expect(record.status == .failed)
        #expect(record.currentStep == "model")
        #expect(record.continuedFailures == ["initial"])
    }

    @Test func aStopMidStepRecordsTheStepCancelledNotFailed() async throws {
        let sandbox = try Sandbox()
        let (launcher, clock) = (FakeLauncher(), TestClock())
        let cancellation = RunCancellation()
        let p = plan([step(0, "s", waves: [[task("t1"), task("t2"), task("t3")]], parallelism: 2), step(1, "later", waves: [[task("b")]])])
        let run = Task { await runner(sandbox, launcher, clock).run(p, options: sandbox.options(), cancellation: cancellation) }
        try await launcher.waitUntil { $0 == ["t1", "t2"] }
        cancellation.cancel(signal: SIGTERM)
        let summary = await launcher.awaitRun(run)
        #expect(summary.exitCode == .terminated)
        #expect(summary.steps.map(\.status) == [.cancelled, .skipped("run cancelled")])
        #expect(summary.failedStep == nil)
        #expect(launcher.started.sorted() == ["t1", "t2"])
        let record = try #require(try await sandbox.store.read(key))
        #expect(record.status == .failed)
        #expect(record.failureReason == "cancelled: interrupted by SIGTERM")
        #expect(record.currentStep == "s")
    }
}
