import Foundation
import Testing
@testable import PipelineState

@Suite struct DriftTests {
    let order = ["load", "transform", "model", "publish"]
    let recorded: StepFingerprints = [
        "load": ["load/a.sql": "1111", "load/b.sql": "2222"],
        "transform": ["transform/t.sql": "3333"],
        "model": ["model/m.sql": "4444"],
    ]

    @Test func onlyStepsBeforeTheResumePointCount() {
        var current = recorded
        current["model"] = ["model/m.sql": "changed"]  // the fix being deployed
        current["publish"] = ["publish/p.sql": "new"]
        #expect(Drift.before("model", order: order, recorded: recorded, current: current) == [])
    }

    @Test func changedAddedAndRemovedTasksAreNamedInPlanOrder() {
        var current = recorded
        current["load"] = ["load/a.sql": "1111", "load/c.sql": "5555"]
        current["transform"] = ["transform/t.sql": "changed"]
        #expect(Drift.before("model", order: order, recorded: recorded, current: current) == [
            Drift(step: "load", task: "load/b.sql", change: .removed),
            Drift(step: "load", task: "load/c.sql", change: .added),
            Drift(step: "transform", task: "transform/t.sql", change: .changed),
        ])
    }

    @Test func noRecordedFingerprintsMeansNothingToCompare() {
        #expect(Drift.before("model", order: order, recorded: nil, current: [:]) == [])
    }

    @Test(arguments: [RunStatus.failed, .cancelled, .inProgress])
    func aResumeOverADriftIsRefusedUnlessAccepted(status: RunStatus) throws {
        var existing = stored(status, step: "model", lease: t0.addingTimeInterval(-1))
        existing.fingerprints = recorded
        var changed = recorded
        changed["transform"] = ["transform/t.sql": "changed"]
        var req = request()
        req.fingerprints = changed
        req.stepOrder = order
        #expect(throws: StateError.drifted(key, previousRunID: 3, changes: [Drift(step: "transform", task: "transform/t.sql", change: .changed)])) {
            try BeginDecision.decide(existing: existing, request: req)
        }
        req.policy.acceptChanges = true
        let outcome = try BeginDecision.decide(existing: existing, request: req)
        #expect(outcome.record.currentStep == "model")
        // The steps before the resume point count as done with what they run now; the resume step is not done.
        #expect(outcome.record.fingerprints == changed.filter { $0.key != "model" })
    }

    @Test func aForcedRestartIgnoresDrift() throws {
        var existing = stored(.completed, step: "publish")
        existing.fingerprints = recorded
        var req = request(force: true)
        req.fingerprints = ["load": ["load/a.sql": "other"]]
        req.stepOrder = order
        #expect(try BeginDecision.decide(existing: existing, request: req).start == .restartedAfterForce(previousRunID: 3))
    }

    @Test func theMessageNamesStepAndFileAndTheWayOut() {
        let error = StateError.drifted(key, previousRunID: 3, changes: [Drift(step: "transform", task: "transform/t.sql", change: .changed)])
        #expect(error.description == "run corr-1/PDM: steps before the resume point changed since run 3: step 'transform': transform/t.sql changed; rerun them with --from STEP, or resume anyway with --accept-changes")
    }
}
