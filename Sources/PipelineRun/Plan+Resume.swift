import PipelinePlan
import PipelineState

extension BeginOutcome.Start {
    /// Where the planner should resume, or nil when the run starts from the beginning.
    public var resumePoint: ResumePoint? {
        guard case .resumed(let step?, let tasks, let previousRunID, _) = self else { return nil }
        return ResumePoint(previousRunID: previousRunID, step: step, completedTasks: Set(tasks))
    }
}

extension Plan {
    /// The plan as a resumed run executes it, with the planner's rules: steps before the resume step are
    /// skipped as completed (unless already skipped by selection or condition); in the resume step, with
    /// task-level resume, the tasks that succeeded are marked done. Used when no re-planning is wired in.
    public func resumed(at point: ResumePoint) throws(RunError) -> Plan {
        guard let start = steps.firstIndex(where: { $0.name == point.step }) else {
            throw .resumeStepMissing(step: point.step, previousRunID: point.previousRunID)
        }
        var plan = self
        for index in plan.steps.indices {
            if index < start, plan.steps[index].disposition.willRun {
                plan.steps[index].disposition = .skippedCompleted(previousRunID: point.previousRunID)
            }
            if index == start, plan.steps[index].resume == .task {
                for w in plan.steps[index].waves.indices {
                    for t in plan.steps[index].waves[w].tasks.indices {
                        let key = plan.steps[index].waves[w].tasks[t].key
                        plan.steps[index].waves[w].tasks[t].completedInPreviousRun = point.completedTasks.contains(key)
                    }
                }
            }
        }
        return plan
    }
}
