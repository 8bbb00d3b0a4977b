extension Plan {
    /// The plan as a resumed run executes it: steps before the resume step that would run and are recorded as
    /// done (`completedSteps`) are skipped as completed by the previous run (steps already skipped by selection
    /// or condition keep their reason; a step not done then runs now); in the resume step, with task-level
    /// resume, the tasks that succeeded are marked done. A resume step the plan does not have leaves the plan
    /// unchanged (callers check `step(named:)` first and report it), and so does an explicit selection
    /// (`--from`/`--only`): the selected steps run, whatever the previous run did.
    public func resumed(at point: ResumePoint) -> Plan {
        guard selection == nil, let start = steps.firstIndex(where: { $0.name == point.step }) else { return self }
        var plan = self
        for index in plan.steps.indices {
            let done = point.completedSteps?.contains(plan.steps[index].name) ?? true
            if index < start, done, plan.steps[index].disposition.willRun {
                plan.steps[index].disposition = .skippedCompleted(previousRunID: point.previousRunID)
            }
            guard index == start, plan.steps[index].resume == .task else { continue }
            for w in plan.steps[index].waves.indices {
                for t in plan.steps[index].waves[w].tasks.indices {
                    let key = plan.steps[index].waves[w].tasks[t].key
                    plan.steps[index].waves[w].tasks[t].completedInPreviousRun = point.completedTasks.contains(key)
                }
            }
        }
        return plan
    }
}
