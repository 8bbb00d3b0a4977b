import Foundation
import PipelinePlan
import PipelineState

extension BeginRequest {
    /// The begin of `plan`'s run: its key, run parameters, step fingerprints and order. `run` sends it to the
    /// store; `plan --resume` decides on it without writing (`ResumePreview`), so the two cannot drift.
    public init(
        plan: Plan, clusterID: String, owner: RunOwner, now: Date, leaseDuration: TimeInterval = 300,
        policy: RunPolicy = RunPolicy()
    ) {
        self.init(
            key: RunKey(correlationID: plan.run.correlationID, product: plan.product), date: plan.run.exportDate,
            clusterID: clusterID, s3Prefix: plan.run.s3Prefix, snapshotType: plan.run.snapshotType, owner: owner,
            now: now, leaseDuration: leaseDuration, policy: policy, fingerprints: plan.fingerprints(),
            stepOrder: plan.steps.map(\.name), rerunCompleted: plan.onCompleted == .rerun)
        explicitSelection = plan.selection != nil
    }
}

extension BeginOutcome {
    /// Where the resumed run starts, with the steps before it that are recorded as done (the new record's
    /// `Step_Fingerprints`, carried by `BeginDecision`); nil when it starts from the beginning.
    public var resumePoint: ResumePoint? {
        guard var point = start.resumePoint else { return nil }
        point.completedSteps = record.fingerprints.map { Set($0.keys) }
        return point
    }
}

extension BeginOutcome.Start {
    /// Where the resumed run starts, or nil when it starts from the beginning.
    public var resumePoint: ResumePoint? {
        guard case .resumed(let step?, let tasks, let previousRunID, _) = self else { return nil }
        return ResumePoint(previousRunID: previousRunID, step: step, completedTasks: Set(tasks))
    }
}

/// What `run` would do with an existing record, decided by the same function the stores apply at begin
/// (`BeginDecision.decide`) on the same request (`BeginRequest(plan:)`), without writing anything.
public enum ResumePreview {
    /// Where a rerun would start (nil: from the beginning); the store's refusal (COMPLETED, IN_PROGRESS with a
    /// live lease, a drift before the resume point) as `run` would throw it.
    public static func resumePoint(
        existing record: RunRecord, plan: Plan, policy: RunPolicy, now: Date
    ) throws(StateError) -> ResumePoint? {
        let request = BeginRequest(
            plan: plan, clusterID: "-", owner: RunOwner(host: "plan", pid: 0), now: now, policy: policy)
        return try BeginDecision.decide(existing: record, request: request).resumePoint
    }
}
