import Foundation
import Testing
@testable import PipelineState

/// Only work that ran and succeeded counts as done (issue 18, items 3 and 4), and Run_Id has one bound (item 14):
/// the pure begin and transition rules, on values.
@Suite struct DoneStepsTests {
    let order = ["load", "extra", "transform", "model", "publish"]
    let current: StepFingerprints = [
        "load": ["load/a.sql": "1111"], "extra": ["extra/e.sql": "eeee"], "transform": ["transform/t.sql": "3333"],
        "model": ["model/m.sql": "4444"], "publish": ["publish/p.sql": "5555"],
    ]
    let handle = RunHandle(key: key, runID: 3, owner: other)

    func resumeRequest(acceptChanges: Bool = false, explicitSelection: Bool = false, fingerprints: StepFingerprints? = nil) -> BeginRequest {
        var req = request()
        req.fingerprints = fingerprints ?? current
        req.stepOrder = order
        req.policy.acceptChanges = acceptChanges
        req.explicitSelection = explicitSelection
        return req
    }

    @Test func aNewRecordCountsNoStepAsDone() throws {
        var req = resumeRequest()
        #expect(try BeginDecision.decide(existing: nil, request: req).record.fingerprints == [:])
        req.policy.force = true
        var completed = stored(.completed, step: "publish")
        completed.fingerprints = current
        #expect(try BeginDecision.decide(existing: completed, request: req).record.fingerprints == [:])
    }

    /// Run 1 skipped `extra` by its condition and failed at `model`: only `load` and `transform` ran, so only
    /// they are carried as done; `extra` is not skipped "as completed" by the resume.
    @Test func aResumeCarriesOnlyTheStepsRecordedDoneBeforeItsResumePoint() throws {
        var failed = stored(.failed, step: "model")
        failed.fingerprints = ["load": current["load"]!, "transform": current["transform"]!]
        let outcome = try BeginDecision.decide(existing: failed, request: resumeRequest())
        #expect(outcome.record.fingerprints == ["load": current["load"]!, "transform": current["transform"]!])
    }

    @Test func stepsAtAndAfterTheResumePointAreNotCarried() throws {
        var failed = stored(.failed, step: "transform")
        failed.fingerprints = current  // e.g. written by an older version for every step
        #expect(try BeginDecision.decide(existing: failed, request: resumeRequest()).record.fingerprints == [
            "load": current["load"]!, "extra": current["extra"]!,
        ])
    }

    @Test func aRecordWithoutFingerprintsCountsEveryStepBeforeItsResumePointAsDone() throws {
        let outcome = try BeginDecision.decide(existing: stored(.failed, step: "transform"), request: resumeRequest())
        #expect(outcome.record.fingerprints == ["load": current["load"]!, "extra": current["extra"]!])
        #expect(try BeginDecision.decide(existing: stored(.failed, step: nil), request: resumeRequest()).record.fingerprints == [:])
    }

    /// A changed step keeps what it ran then (so a later plain resume still refuses), unless the change is accepted.
    @Test func aDriftedStepIsCarriedAsItWasUnlessTheChangeIsAccepted() throws {
        var failed = stored(.failed, step: "model")
        failed.fingerprints = ["load": ["load/a.sql": "old"], "transform": current["transform"]!]
        let selected = try BeginDecision.decide(existing: failed, request: resumeRequest(explicitSelection: true))
        #expect(selected.record.fingerprints?["load"] == ["load/a.sql": "old"])
        let accepted = try BeginDecision.decide(existing: failed, request: resumeRequest(acceptChanges: true))
        #expect(accepted.record.fingerprints == ["load": current["load"]!, "transform": current["transform"]!])
    }

    /// The drift guard says "rerun them with --from STEP": a request with an explicit selection skips nothing as
    /// completed, so it is not refused (issue 18, item 4).
    @Test func anExplicitSelectionIsNotRefusedForDrift() throws {
        var failed = stored(.failed, step: "model")
        failed.fingerprints = ["load": ["load/a.sql": "old"], "transform": current["transform"]!]
        #expect(throws: StateError.self) { try BeginDecision.decide(existing: failed, request: resumeRequest()) }
        let outcome = try BeginDecision.decide(existing: failed, request: resumeRequest(explicitSelection: true))
        #expect(outcome.record.runID == 4)
        #expect(outcome.record.currentStep == "model")
    }

    @Test func aStepIsRecordedDoneOnlyByItsCompletionAndNotOnceFailed() throws {
        var record = stored(.inProgress)
        record.fingerprints = [:]
        record = try record.applying([
            .stepStarted(step: "load", carriedTasks: []), .stepCompleted(step: "load", fingerprints: ["load/a.sql": "1111"]),
            .stepStarted(step: "model", carriedTasks: []),
            .stepFailed(step: "model", reason: "task model/m.sql failed", continuing: false),
            .stepStarted(step: "flush", carriedTasks: []), .stepCompleted(step: "flush", fingerprints: [:]),
        ], by: handle, at: t0)
        #expect(record.fingerprints == ["load": ["load/a.sql": "1111"]])
        #expect(record.currentStep == "model")
        #expect(record.status == .failed)
    }

    /// A partial run's finish sends the record back to its first unfinished step, without the tasks of the step
    /// it ran last; a COMPLETED finish keeps them.
    @Test func aFailedFinishMayNameTheStepToResumeAt() throws {
        var record = stored(.inProgress, step: "load", tasks: ["load/a.sql"])
        record = try record.applying(.finished(status: .failed, reason: "partial run", currentStep: "transform"), by: handle, at: t0)
        #expect(record.status == .failed)
        #expect(record.currentStep == "transform")
        #expect(record.completedTasks == [])
        #expect(record.failureReason == "partial run")
        let done = try stored(.inProgress, step: "flush", tasks: ["flush/x"])
            .applying(.finished(status: .completed, reason: nil, currentStep: "publish"), by: handle, at: t0)
        #expect(done.currentStep == "publish")
        #expect(done.completedTasks == ["flush/x"])
    }

    @Test func aBatchIsAppliedInOrderAndRefusedWholeWhenSuperseded() throws {
        let record = try stored(.inProgress).applying(
            [.taskCompleted(step: "model", task: "model/b.sql"), .taskCompleted(step: "model", task: "model/c.sql"),
             .leaseRenewed(until: t0.addingTimeInterval(300))], by: handle, at: t0)
        #expect(record.completedTasks == ["model/a.sql", "model/b.sql", "model/c.sql"])
        #expect(record.leaseExpiresAt == t0.addingTimeInterval(300))
        let stale = RunHandle(key: key, runID: 2, owner: other)
        #expect(throws: StateError.superseded(key, runID: 2, found: 3)) {
            try stored(.inProgress).applying([.taskCompleted(step: "model", task: "model/b.sql")], by: stale, at: t0)
        }
    }

    /// Item 14: a record at the largest Run_Id a record may hold (which every reader accepts) refuses every
    /// begin with one clear line, instead of writing a Run_Id the reader would call corrupt.
    @Test(arguments: [RunStatus.failed, .cancelled, .completed, .inProgress])
    func aRecordAtTheLargestRunIdRefusesEveryBegin(status: RunStatus) throws {
        let largest = RecordLimits.runIDs.upperBound
        #expect(largest == Int(Int32.max))
        let existing = stored(status, runID: largest, lease: t0.addingTimeInterval(-1))
        #expect(throws: StateError.runIDExhausted(key, runID: largest)) {
            try BeginDecision.decide(existing: existing, request: request(force: true, takeover: true))
        }
        #expect(try existing.checked(at: "x") == existing)  // still readable
        let below = stored(status, runID: largest - 1, lease: t0.addingTimeInterval(-1))
        #expect(try BeginDecision.decide(existing: below, request: request(force: true, takeover: true)).record.runID == largest)
        #expect(StateError.runIDExhausted(key, runID: largest).description
            == "run corr-1/PDM is at Run_Id 2147483647, the largest a record may hold: no further run can begin; archive or remove the record to start the correlation id again")
    }
}
