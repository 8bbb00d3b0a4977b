import Foundation
import Testing
@testable import PipelineState

let t0 = Date(timeIntervalSince1970: 1_800_000_000)
let key = RunKey(correlationID: "corr-1", product: "PDM")
let me = RunOwner(host: "emr-1", pid: 42)
let other = RunOwner(host: "emr-2", pid: 7)

func request(now: Date = t0, force: Bool = false, takeover: Bool = false, rerun: Bool = false, owner: RunOwner = me) -> BeginRequest {
    BeginRequest(
        key: key, date: "2026-11-21", clusterID: "j-ABC", s3Prefix: "data/x", snapshotType: "full", owner: owner,
        now: now, leaseDuration: 300, policy: RunPolicy(force: force, takeover: takeover), rerunCompleted: rerun)
}

func stored(_ status: RunStatus, runID: Int = 3, step: String? = "model", tasks: [String] = ["model/a.sql"],
            lease: Date? = nil, owner: RunOwner = other) -> RunRecord {
    RunRecord(
        correlationID: "corr-1", product: "PDM", date: "2026-11-20", runID: runID, status: status, currentStep: step,
        clusterID: "j-OLD", s3Prefix: "data/x", snapshotType: "full", leaseExpiresAt: lease, completedTasks: tasks,
        startedAt: t0.addingTimeInterval(-3600), updatedAt: t0.addingTimeInterval(-60), owner: owner)
}

@Suite struct BeginDecisionTests {
    @Test func noRecordStartsRunOneFresh() throws {
        let outcome = try BeginDecision.decide(existing: nil, request: request())
        #expect(outcome.start == .fresh)
        #expect(outcome.record == RunRecord(
            correlationID: "corr-1", product: "PDM", date: "2026-11-21", runID: 1, status: .inProgress,
            currentStep: nil, clusterID: "j-ABC", s3Prefix: "data/x", snapshotType: "full",
            leaseExpiresAt: t0.addingTimeInterval(300), startedAt: t0, updatedAt: t0, owner: me))
    }

    @Test(arguments: [RunStatus.failed, .cancelled])
    func failedOrCancelledResumesAtCurrentStep(status: RunStatus) throws {
        let outcome = try BeginDecision.decide(existing: stored(status), request: request())
        #expect(outcome.start == .resumed(step: "model", completedTasks: ["model/a.sql"], previousRunID: 3, previousStatus: status))
        #expect(outcome.record.runID == 4)
        #expect(outcome.record.status == .inProgress)
        #expect(outcome.record.currentStep == "model")
        #expect(outcome.record.completedTasks == ["model/a.sql"])
        #expect(outcome.record.clusterID == "j-ABC")
    }

    @Test func completedRefusedWithoutForce() {
        #expect(throws: StateError.alreadyCompleted(key, runID: 3)) {
            try BeginDecision.decide(existing: stored(.completed), request: request())
        }
        #expect(StateError.alreadyCompleted(key, runID: 3).description
            == "run corr-1/PDM already COMPLETED (Run_Id 3); use --force to run it again")
    }

    @Test func completedWithForceRestartsFromTheBeginning() throws {
        let outcome = try BeginDecision.decide(existing: stored(.completed), request: request(force: true))
        #expect(outcome.start == .restartedAfterForce(previousRunID: 3))
        #expect(outcome.record.runID == 4)
    }

    @Test func inProgressWithLiveLeaseRefused() {
        let lease = t0.addingTimeInterval(10)
        #expect(throws: StateError.inProgressElsewhere(key, runID: 3, owner: other, leaseExpiresAt: lease)) {
            try BeginDecision.decide(existing: stored(.inProgress, lease: lease), request: request())
        }
        #expect(StateError.inProgressElsewhere(key, runID: 3, owner: other, leaseExpiresAt: lease).description
            == "run corr-1/PDM is IN_PROGRESS (Run_Id 3) by emr-2:7, lease until 2027-01-15T08:00:10Z; use --takeover if that runner is dead")
    }

    /// `on_completed rerun` (pdm.pipe): a new trigger for a finished correlation id runs everything again, as the
    /// original did; nothing of the old run is carried.
    @Test func completedWithRerunStartsFromTheBeginning() throws {
        let outcome = try BeginDecision.decide(existing: stored(.completed), request: request(rerun: true))
        #expect(outcome.start == .rerunAfterCompleted(previousRunID: 3))
        #expect(outcome.record == BeginDecision.newRecord(runID: 4, request: request(rerun: true)))
        #expect(outcome.record.currentStep == nil && outcome.record.completedTasks.isEmpty)
        #expect(outcome.previousOwner == nil)
    }

    @Test func forceWinsOverRerunAndRerunChangesNothingElse() throws {
        #expect(try BeginDecision.decide(existing: stored(.completed), request: request(force: true, rerun: true)).start
            == .restartedAfterForce(previousRunID: 3))
        for status in [RunStatus.failed, .cancelled] {
            #expect(try BeginDecision.decide(existing: stored(status), request: request(rerun: true)).start
                == .resumed(step: "model", completedTasks: ["model/a.sql"], previousRunID: 3, previousStatus: status))
        }
        let lease = t0.addingTimeInterval(10)
        #expect(throws: StateError.inProgressElsewhere(key, runID: 3, owner: other, leaseExpiresAt: lease)) {
            try BeginDecision.decide(existing: stored(.inProgress, lease: lease), request: request(rerun: true))
        }
    }

    /// An IN_PROGRESS item with no lease was written by the original system (every record of this tool that is
    /// IN_PROGRESS has one). The original began again from the first step with Run_Id + 1 whatever the old
    /// record said unless it was FAILED; so does this, with or without --takeover or on_completed.
    @Test(arguments: [(false, false), (true, false), (false, true)])
    func inProgressWithoutLeaseStartsAgainFromTheBeginning(takeover: Bool, rerun: Bool) throws {
        let req = request(takeover: takeover, rerun: rerun)
        let outcome = try BeginDecision.decide(existing: stored(.inProgress, lease: nil), request: req)
        #expect(outcome.start == .restartedWithoutLease(previousRunID: 3, previousStep: "model", previousClusterID: "j-OLD"))
        #expect(outcome.record == BeginDecision.newRecord(runID: 4, request: req))
        #expect(outcome.previousOwner == nil && outcome.previousLeaseExpiresAt == nil)
    }

    @Test func restartsOverAnEarlierRecordAreSaidInOneLine() {
        #expect(BeginOutcome.Start.rerunAfterCompleted(previousRunID: 3).restartNotice(key, runID: 4)
            == "run corr-1/PDM was COMPLETED (Run_Id 3); this pipeline runs a completed correlation id again (on_completed rerun): Run_Id 4, from the first step")
        #expect(BeginOutcome.Start.restartedWithoutLease(previousRunID: 3, previousStep: "model", previousClusterID: "j-OLD").restartNotice(key, runID: 4)
            == "run corr-1/PDM was IN_PROGRESS (Run_Id 3 at step 'model', cluster j-OLD) with no lease, as the original system wrote it: started again from the first step as Run_Id 4, as the original did; if that cluster is still running, both now run the pipeline")
        #expect(BeginOutcome.Start.restartedAfterForce(previousRunID: 3).restartNotice(key, runID: 4) == nil)
        #expect(BeginOutcome.Start.fresh.restartNotice(key, runID: 1) == nil)
    }

    @Test func inProgressWithExpiredLeaseResumes() throws {
        let outcome = try BeginDecision.decide(existing: stored(.inProgress, lease: t0), request: request())
        #expect(outcome.start == .resumed(step: "model", completedTasks: ["model/a.sql"], previousRunID: 3, previousStatus: .inProgress))
        #expect(outcome.record.runID == 4)
    }

    @Test func inProgressTakeoverResumes() throws {
        let lease = t0.addingTimeInterval(100)
        let outcome = try BeginDecision.decide(existing: stored(.inProgress, lease: lease), request: request(takeover: true))
        #expect(outcome.record.runID == 4)
        #expect(outcome.handle == RunHandle(key: key, runID: 4, owner: me))
    }
}
