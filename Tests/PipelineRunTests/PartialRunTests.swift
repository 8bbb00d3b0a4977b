import Foundation
import PipelinePlan
import PipelineState
import Testing
@testable import PipelineRun

/// Only work that ran and succeeded counts as done (issue 18, items 2, 3 and 4): a partial run (`--only`,
/// `--from`) never leaves the record COMPLETED, a step skipped by its condition is never later skipped "as
/// completed", and the drift guard's advice (`--from STEP`) works.
@Suite struct PartialRunTests {
    func pipeline(failing: String? = nil, first: String = "select 1", extra: StepDisposition? = nil) -> Plan {
        var steps: [(String, PlanTask, StepDisposition)] = [
            ("step1", task("a", first), .run),
            ("step2", task("b", failing == "b" ? "-- stub: fail always" : "select 1"), .run),
            ("step3", task("c"), .run),
        ]
        if let extra { steps.insert(("extra", task("e"), extra), at: 1) }
        return plan(steps.enumerated().map { index, entry in step(index, entry.0, waves: [[entry.1]], disposition: entry.2) })
    }

    /// The plan as `--only`/`--from` make it: the selection recorded, the other steps skipped by selection.
    func selecting(_ p: Plan, only: [String] = [], from: String? = nil) -> Plan {
        var p = p
        p.selection = StepSelection(from: from, only: only)
        let start = from.flatMap { name in p.steps.firstIndex { $0.name == name } } ?? 0
        for index in p.steps.indices {
            if !only.isEmpty, !only.contains(p.steps[index].name) {
                p.steps[index].disposition = .skippedSelection("not selected by --only")
            } else if index < start {
                p.steps[index].disposition = .skippedSelection("before --from \(from!)")
            }
        }
        return p
    }

    func run(_ sandbox: Sandbox, _ p: Plan, acceptChanges: Bool = false) async -> RunSummary {
        var options = sandbox.options()
        options.policy.acceptChanges = acceptChanges
        return await runner(sandbox, reporter: Recorder()).run(p, options: options)
    }

    func failAtStep2(_ sandbox: Sandbox, first: String = "select 1") async throws {
        #expect(await run(sandbox, pipeline(failing: "b", first: first)).exitCode == .stepFailed)
        #expect(try await sandbox.store.read(key)?.currentStep == "step2")
        try FileManager.default.removeItem(at: sandbox.record)
    }

    /// Item 2, as reported: fail a 3-step run at step 2, then `run --only step1`. It ran step 1 only; the record
    /// stays FAILED at step 2 (not COMPLETED), and the next plain run resumes there.
    @Test func onlyAnEarlierStepLeavesTheRecordFailedAtTheFirstUnfinishedStep() async throws {
        let sandbox = try Sandbox()
        try await failAtStep2(sandbox)
        let only = await run(sandbox, selecting(pipeline(), only: ["step1"]))
        #expect(only.exitCode == .success)
        #expect(try sandbox.started() == ["a"])
        #expect(only.text.contains("COMPLETED (partial: 2 step(s) not run yet; recorded FAILED at step 'step2', where the next run resumes)"))
        var record = try #require(try await sandbox.store.read(key))
        #expect(record.status == .failed)
        #expect(record.currentStep == "step2")
        #expect(record.failureReason == "partial run (--only step1): not run yet: step2, step3")

        try FileManager.default.removeItem(at: sandbox.record)
        let rest = await run(sandbox, pipeline())
        #expect(rest.exitCode == .success)
        #expect(try sandbox.started() == ["b", "c"])
        record = try #require(try await sandbox.store.read(key))
        #expect(record.status == .completed)
    }

    @Test func fromAStepPastTheFailedOneLeavesTheRecordAtTheFailedOne() async throws {
        let sandbox = try Sandbox()
        try await failAtStep2(sandbox)
        let from = await run(sandbox, selecting(pipeline(), from: "step3"))
        #expect(from.exitCode == .success)
        #expect(try sandbox.started() == ["c"])
        let record = try #require(try await sandbox.store.read(key))
        #expect(record.status == .failed)
        #expect(record.currentStep == "step2")
        #expect(record.failureReason == "partial run (--from step3): not run yet: step2")
    }

    @Test func aFirstRunOfOneStepIsNotCompleted() async throws {
        let sandbox = try Sandbox()
        #expect(await run(sandbox, selecting(pipeline(), only: ["step2"])).exitCode == .success)
        var record = try #require(try await sandbox.store.read(key))
        #expect(record.status == .failed)
        #expect(record.currentStep == "step1")
        try FileManager.default.removeItem(at: sandbox.record)
        #expect(await run(sandbox, pipeline()).exitCode == .success)
        #expect(try sandbox.started() == ["a", "b", "c"])
        record = try #require(try await sandbox.store.read(key))
        #expect(record.status == .completed)
    }

    /// A selection that covers everything left completes the run.
    @Test func aSelectionThatDoesEverythingLeftCompletes() async throws {
        let sandbox = try Sandbox()
        try await failAtStep2(sandbox)
        #expect(await run(sandbox, selecting(pipeline(), from: "step2")).exitCode == .success)
        #expect(try sandbox.started() == ["b", "c"])
        #expect(try await sandbox.store.read(key)?.status == .completed)
    }

    /// Item 3: run 1 skipped `extra` by its condition and failed later; the rerun, where the condition holds,
    /// runs `extra` (before, it was skipped "as completed in run 1" and the run ended COMPLETED without it).
    @Test func aStepSkippedByItsConditionIsNotLaterSkippedAsCompleted() async throws {
        let sandbox = try Sandbox()
        let skipped = StepDisposition.skippedCondition("with_extra is false (with_extra = false)")
        #expect(await run(sandbox, pipeline(failing: "b", extra: skipped)).exitCode == .stepFailed)
        var record = try #require(try await sandbox.store.read(key))
        #expect(record.currentStep == "step2")
        #expect(record.fingerprints.map { Set($0.keys) } == ["step1"])  // extra never ran: not done
        try FileManager.default.removeItem(at: sandbox.record)

        let rerun = await run(sandbox, pipeline(extra: .run))
        #expect(rerun.exitCode == .success)
        #expect(try sandbox.started() == ["e", "b", "c"])
        #expect(rerun.steps.map(\.status) == [.skipped("completed in run 1"), .completed, .completed, .completed])
        record = try #require(try await sandbox.store.read(key))
        #expect(record.status == .completed)
        #expect(record.fingerprints.map { Set($0.keys) } == ["step1", "extra", "step2", "step3"])
    }

    /// Item 4: after a failure at step 2 and a change to step 1, the drift guard refuses the resume and says
    /// "rerun them with --from STEP"; `--from step1` does rerun from there (the resume point used to override it
    /// and the refusal came again), and the record completes.
    @Test func theDriftGuardsAdviceWorks() async throws {
        let sandbox = try Sandbox()
        try await failAtStep2(sandbox)
        let changed = pipeline(first: "select 2")
        let refused = await run(sandbox, changed)
        #expect(refused.exitCode == .stateConflict)
        #expect(refused.failure?.contains("rerun them with --from STEP") == true)
        let from = await run(sandbox, selecting(changed, from: "step1"))
        #expect(from.exitCode == .success)
        #expect(try sandbox.started() == ["a", "b", "c"])
        #expect(try await sandbox.store.read(key)?.status == .completed)
    }

    /// `--only` a changed step before the resume point reruns it; the record stays resumable at the failed step.
    @Test func onlyAChangedStepBeforeTheResumePointRerunsItAndStaysResumable() async throws {
        let sandbox = try Sandbox()
        try await failAtStep2(sandbox)
        let changed = pipeline(first: "select 2")
        #expect(await run(sandbox, selecting(changed, only: ["step1"])).exitCode == .success)
        #expect(try sandbox.started() == ["a"])
        let record = try #require(try await sandbox.store.read(key))
        #expect(record.status == .failed)
        #expect(record.currentStep == "step2")
        try FileManager.default.removeItem(at: sandbox.record)
        #expect(await run(sandbox, changed).exitCode == .success)  // no drift left: step1 ran as it is now
        #expect(try sandbox.started() == ["b", "c"])
    }

    /// A partial run that leaves a changed step undone does not launder the change: the record keeps what that
    /// step ran then, so it is not counted done and a plain rerun still refuses (or reruns it with --from).
    @Test func aPartialRunDoesNotHideAChangeItDidNotRun() async throws {
        let sandbox = try Sandbox()
        try await failAtStep2(sandbox)
        let changed = pipeline(first: "select 2")
        #expect(await run(sandbox, selecting(changed, only: ["step2", "step3"])).exitCode == .success)
        let record = try #require(try await sandbox.store.read(key))
        #expect(record.status == .failed)
        #expect(record.currentStep == "step1")
        #expect(record.failureReason == "partial run (--only step2 --only step3): not run yet: step1")
    }
}
