import PipelinePlan
import PipelineState

extension BeginOutcome.Start {
    /// Where the planner should resume, or nil when the run starts from the beginning.
    public var resumePoint: ResumePoint? {
        guard case .resumed(let step?, let tasks, let previousRunID, _) = self else { return nil }
        return ResumePoint(previousRunID: previousRunID, step: step, completedTasks: Set(tasks))
    }
}
