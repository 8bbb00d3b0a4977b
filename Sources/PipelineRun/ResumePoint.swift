import PipelinePlan
import PipelineState

/// What a resumed run skips: the steps before the one the previous run stopped at, and (for a step with
/// task-level resume) the tasks of that step that already succeeded.
public struct ResumePoint: Sendable, Hashable {
    public var previousRunID: Int?
    /// Index of the first step to run; steps before it are skipped as completed.
    public var firstStep: Int
    public var stepName: String?
    /// Task keys of `stepName` that succeeded before; empty unless that step has `resume task`.
    public var completedTasks: [String]

    public static let none = ResumePoint(previousRunID: nil, firstStep: 0, stepName: nil, completedTasks: [])

    public init(previousRunID: Int?, firstStep: Int, stepName: String?, completedTasks: [String]) {
        self.previousRunID = previousRunID
        self.firstStep = firstStep
        self.stepName = stepName
        self.completedTasks = completedTasks
    }

    /// An explicit `--from`/`--only` (steps skipped by selection) wins over the previous run's resume point.
    public init(plan: Plan, start: BeginOutcome.Start) throws(RunError) {
        let selected = plan.steps.contains { if case .skippedSelection = $0.disposition { true } else { false } }
        guard case .resumed(let step, let tasks, let previousRunID, _) = start, let step, !selected else {
            self = .none
            return
        }
        guard let index = plan.steps.firstIndex(where: { $0.name == step }) else {
            throw .resumeStepMissing(step: step, previousRunID: previousRunID)
        }
        self.init(
            previousRunID: previousRunID, firstStep: index, stepName: step,
            completedTasks: plan.steps[index].resume == .task ? tasks : [])
    }

    /// One line for the start of the run, or nil for a fresh start.
    public var description: String? {
        guard let previousRunID, let stepName else { return nil }
        let tasks = completedTasks.isEmpty ? "" : " (skipping \(completedTasks.count) task(s) that succeeded)"
        return "resuming run \(previousRunID) at step '\(stepName)'\(tasks)"
    }
}
