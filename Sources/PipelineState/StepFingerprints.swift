import Foundation

/// What each step of a run runs: step name → task key → fingerprint of the task (its file's content, statement,
/// command, hivevars, hiveconf). Made by the planner (`Plan.fingerprints()`), stored with the run record.
public typealias StepFingerprints = [String: [String: String]]

/// A step before the resume point that no longer runs what the failed run ran.
public struct Drift: Sendable, Hashable, CustomStringConvertible {
    public enum Change: Sendable, Hashable {
        case changed, added, removed
    }

    public var step: String
    public var task: String
    public var change: Change

    public init(step: String, task: String, change: Change) {
        self.step = step
        self.task = task
        self.change = change
    }

    public var description: String {
        switch change {
        case .changed: return "step '\(step)': \(task) changed"
        case .added: return "step '\(step)': \(task) is new"
        case .removed: return "step '\(step)': \(task) is gone"
        }
    }

    /// The steps in `order` before `resumeStep` whose tasks differ between `recorded` and `current`, in plan
    /// order (tasks sorted). Steps at and after the resume point may change: that is how a fix is deployed.
    /// Nothing is reported when there is no record of fingerprints (older records), or for a step not recorded.
    public static func before(
        _ resumeStep: String, order: [String], recorded: StepFingerprints?, current: StepFingerprints
    ) -> [Drift] {
        guard let recorded, let end = order.firstIndex(of: resumeStep) else { return [] }
        var drift: [Drift] = []
        for step in order[..<end] {
            guard let then = recorded[step] else { continue }
            let now = current[step] ?? [:]
            for task in Set(then.keys).union(now.keys).sorted() {
                switch (then[task], now[task]) {
                case let (old?, new?) where old != new: drift.append(Drift(step: step, task: task, change: .changed))
                case (nil, _?): drift.append(Drift(step: step, task: task, change: .added))
                case (_?, nil): drift.append(Drift(step: step, task: task, change: .removed))
                default: break
                }
            }
        }
        return drift
    }
}
