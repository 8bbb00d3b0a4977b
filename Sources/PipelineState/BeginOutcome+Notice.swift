import Foundation

extension BeginOutcome.Start {
    /// One line for the run's log when the run starts again from its first step over an earlier record that
    /// did not ask for it (`--force` asked): nil otherwise.
    public func restartNotice(_ key: RunKey, runID: Int) -> String? {
        switch self {
        case .rerunAfterCompleted(let previous):
            return "run \(key) was COMPLETED (Run_Id \(previous)); this pipeline runs a completed correlation id again (on_completed rerun): Run_Id \(runID), from the first step"
        case .restartedWithoutLease(let previous, let step, let cluster):
            let at = step.map { " at step '\($0)'" } ?? ""
            return "run \(key) was IN_PROGRESS (Run_Id \(previous)\(at), cluster \(cluster)) with no lease, as the original system wrote it: "
                + "started again from the first step as Run_Id \(runID), as the original did; if that cluster is still running, both now run the pipeline"
        case .fresh, .resumed, .restartedAfterForce:
            return nil
        }
    }
}
