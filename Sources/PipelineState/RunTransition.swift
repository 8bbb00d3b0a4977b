import Foundation

/// A change to a stored record after `begin`. Applying one is pure, so every store shares the rules and only
/// differs in how it makes read-apply-write atomic.
public enum RunTransition: Sendable, Hashable {
    case stepStarted(step: String, carriedTasks: [String])
    case taskCompleted(step: String, task: String)
    /// The step ran and succeeded (or failed with `on_failure ignore`): only now is it recorded as done, with
    /// what it ran (`Step_Fingerprints`), so a step skipped by its condition or its selection never counts as done.
    case stepCompleted(step: String, fingerprints: [String: String])
    case stepFailed(step: String, reason: String, continuing: Bool)
    /// `currentStep`: on COMPLETED, the last step of the work (not a trailing `always` flush), which the
    /// relauncher and the acceptance tests read as the run's final step (`create-views-tables` for PDM); on
    /// FAILED, the step a rerun must start at (a partial run leaves it at its first unfinished step).
    case finished(status: RunStatus, reason: String?, currentStep: String? = nil)
    case leaseRenewed(until: Date)
}

extension RunRecord {
    /// The record after `transitions` in order, or `StateError.superseded` when `handle` no longer owns it. A
    /// runner's writes queued together go to the store as one write (`StateStore.apply`).
    public func applying(_ transitions: [RunTransition], by handle: RunHandle, at now: Date) throws(StateError) -> RunRecord {
        var record = self
        for transition in transitions { record = try record.applying(transition, by: handle, at: now) }
        return record
    }

    /// The record after `transition`, or `StateError.superseded` when `handle` no longer owns it.
    ///
    /// Once FAILED, the record keeps its CurrentStep, completed tasks and reason: `always` steps that run after
    /// the failure are not recorded as progress, so a resume starts at the failed step.
    public func applying(_ transition: RunTransition, by handle: RunHandle, at now: Date) throws(StateError) -> RunRecord {
        guard runID == handle.runID, owner == handle.owner else {
            throw .superseded(handle.key, runID: handle.runID, found: runID)
        }
        var next = self
        next.updatedAt = now
        let failed = status == .failed
        switch transition {
        case .stepStarted(let step, let carried):
            if !failed {
                next.currentStep = step
                next.completedTasks = carried
            }
        case .taskCompleted(let step, let task):
            if !failed, step == currentStep, !completedTasks.contains(task) {
                next.completedTasks.append(task)
            }
        case .stepCompleted(let step, let tasks):
            if !failed { next.fingerprints = (fingerprints ?? [:]).merging([step: tasks]) { $1 } }
        case .stepFailed(let step, let reason, let continuing):
            if continuing {
                if !continuedFailures.contains(step) { next.continuedFailures.append(step) }
            } else if !failed {
                next.status = .failed
                next.currentStep = step
                next.failureReason = reason
            }
        case .finished(let status, let reason, let step):
            if !failed {
                next.status = status
                next.failureReason = status == .completed ? nil : reason
                if let step {
                    // A partial run sent back to an earlier step: the completed tasks were another step's.
                    if status != .completed, step != currentStep { next.completedTasks = [] }
                    next.currentStep = step
                }
            }
            next.leaseExpiresAt = nil
        case .leaseRenewed(let until):
            if next.leaseExpiresAt != nil || status == .inProgress { next.leaseExpiresAt = until }
        }
        return next
    }
}
