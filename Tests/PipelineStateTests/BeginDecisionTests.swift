import Foundation
import Testing
@testable import PipelineState

let t0 = Date(timeIntervalSince1970: 1_800_000_000)
let key = RunKey(correlationID: "corr-1", product: "PDM")
let me = RunOwner(host: "emr-1", pid: 42)
let other = RunOwner(host: "emr-2", pid: 7)

func request(now: Date = t0, force: Bool = false, takeover: Bool = false, owner: RunOwner = me) -> BeginRequest {
    BeginRequest(
        key: key, date: "2026-11-21", clusterID: "j-ABC", s3Prefix: "data/x", snapshotType: "full", owner: owner,
        now: now, leaseDuration: 300, force: force, takeover: takeover)
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

    @Test func inProgressWithoutLeaseRefused() {
        #expect(throws: StateError.inProgressElsewhere(key, runID: 3, owner: other, leaseExpiresAt: nil)) {
            try BeginDecision.decide(existing: stored(.inProgress, lease: nil), request: request())
        }
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
