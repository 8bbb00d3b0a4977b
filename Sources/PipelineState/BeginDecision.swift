import Foundation

/// The rules for starting a run, shared by every store so local and DynamoDB behave identically:
///
/// | stored record | result |
/// |---|---|
/// | none | Run_Id 1, fresh |
/// | FAILED or CANCELLED | Run_Id + 1, resume at its CurrentStep (the new record keeps CurrentStep and completed tasks) |
/// | COMPLETED, `force` | Run_Id + 1 from the beginning (`restartedAfterForce`) |
/// | COMPLETED, `rerunCompleted` (the pipeline's `on_completed rerun`) | Run_Id + 1 from the beginning (`rerunAfterCompleted`), as the original PDM did |
/// | COMPLETED, otherwise | refuse (`alreadyCompleted`) |
/// | IN_PROGRESS, no lease attribute (the original system's record, whose runner holds none) | Run_Id + 1 from the beginning (`restartedWithoutLease`), as the original did with any record that was not FAILED, `takeover` or not. Nothing can tell whether that runner is alive: the caller says so in its log |
/// | IN_PROGRESS, lease unexpired | refuse (`inProgressElsewhere`) unless `takeover` |
/// | IN_PROGRESS, lease expired, or `takeover` | Run_Id + 1, resume at its CurrentStep (after a takeover of an unexpired lease, the outcome names the previous owner and lease, so the runner waits for it to fence itself off) |
///
/// A resume (FAILED, CANCELLED, IN_PROGRESS taken over) refuses with `drifted` when a step before its resume point
/// runs something else than the failed run did (`Drift.before`), unless `acceptChanges`; nothing is written then.
///
/// Run_Id always increases, which fences off any runner still holding the old handle; a record at the largest
/// Run_Id a record may hold (`RecordLimits.runIDs`) refuses every begin (`runIDExhausted`).
///
/// `Step_Fingerprints` lists the steps that are done: a new record carries those before the resume point
/// (`carriedFingerprints`), and a step is added only when it ran and succeeded (`RunTransition.stepCompleted`).
/// A request with an explicit selection (`--from`/`--only`) is not checked for drift: it skips nothing as
/// completed.
public enum BeginDecision {
    public static func decide(existing: RunRecord?, request: BeginRequest) throws(StateError) -> BeginOutcome {
        guard let existing else {
            return BeginOutcome(record: newRecord(runID: 1, request: request), start: .fresh)
        }
        guard existing.runID < RecordLimits.runIDs.upperBound else {
            throw .runIDExhausted(existing.key, runID: existing.runID)
        }
        // The new record keeps the resume point, so a run that dies before its first step resumes there too.
        var resumed = newRecord(runID: existing.runID + 1, request: request)
        resumed.currentStep = existing.currentStep
        resumed.completedTasks = existing.completedTasks
        resumed.fingerprints = carriedFingerprints(existing, request)
        let resume = BeginOutcome.Start.resumed(
            step: existing.currentStep, completedTasks: existing.completedTasks,
            previousRunID: existing.runID, previousStatus: existing.status)
        func checkDrift() throws(StateError) {
            guard !request.policy.acceptChanges, !request.explicitSelection, let step = existing.currentStep,
                  let current = request.fingerprints else { return }
            let drift = Drift.before(step, order: request.stepOrder, recorded: existing.fingerprints, current: current)
            if !drift.isEmpty { throw .drifted(existing.key, previousRunID: existing.runID, changes: drift) }
        }
        switch existing.status {
        case .failed, .cancelled:
            try checkDrift()
            return BeginOutcome(record: resumed, start: resume)
        case .completed:
            let start: BeginOutcome.Start
            if request.policy.force {
                start = .restartedAfterForce(previousRunID: existing.runID)
            } else if request.rerunCompleted {
                start = .rerunAfterCompleted(previousRunID: existing.runID)
            } else {
                throw .alreadyCompleted(existing.key, runID: existing.runID)
            }
            return BeginOutcome(record: newRecord(runID: existing.runID + 1, request: request), start: start)
        case .inProgress where existing.leaseExpiresAt == nil:
            // No drift check: nothing of the old run is kept, every step runs again.
            return BeginOutcome(
                record: newRecord(runID: existing.runID + 1, request: request),
                start: .restartedWithoutLease(
                    previousRunID: existing.runID, previousStep: existing.currentStep, previousClusterID: existing.clusterID))
        case .inProgress:
            let expired = existing.leaseExpiresAt! <= request.now
            guard expired || request.policy.takeover else {
                throw .inProgressElsewhere(
                    existing.key, runID: existing.runID, owner: existing.owner, leaseExpiresAt: existing.leaseExpiresAt)
            }
            try checkDrift()
            guard !expired else { return BeginOutcome(record: resumed, start: resume) }
            return BeginOutcome(record: resumed, start: resume, previousOwner: existing.owner, previousLeaseExpiresAt: existing.leaseExpiresAt)
        }
    }

    static func newRecord(runID: Int, request: BeginRequest) -> RunRecord {
        RunRecord(
            correlationID: request.key.correlationID, product: request.key.product, date: request.date,
            runID: runID, status: .inProgress, currentStep: nil, clusterID: request.clusterID,
            s3Prefix: request.s3Prefix, snapshotType: request.snapshotType,
            leaseExpiresAt: request.now.addingTimeInterval(request.leaseDuration),
            startedAt: request.now, updatedAt: request.now, owner: request.owner,
            fingerprints: request.fingerprints.map { _ in [:] })  // nothing done yet
    }

    /// The steps a resumed record counts as done: those before the resume point that `existing` recorded as
    /// done, with what they ran then (a later resume still sees a change made meanwhile), or what they run now
    /// when the changes are accepted. A record without fingerprints (the original system's) counts every step
    /// before its resume point as done, as it always has. No resume point: nothing is done.
    static func carriedFingerprints(_ existing: RunRecord, _ request: BeginRequest) -> StepFingerprints? {
        guard let current = request.fingerprints else { return nil }
        guard let step = existing.currentStep else { return [:] }
        guard let end = request.stepOrder.firstIndex(of: step) else { return existing.fingerprints ?? [:] }
        let before = Set(request.stepOrder[..<end])
        guard let recorded = existing.fingerprints else { return current.filter { before.contains($0.key) } }
        let done = recorded.filter { before.contains($0.key) }
        guard request.policy.acceptChanges else { return done }
        return current.filter { done.keys.contains($0.key) }
    }
}
