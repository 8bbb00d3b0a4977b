import PipelinePlan
import PipelineState

/// Whether a run that ended without a failure did all the work a whole run of the pipeline would do. A run that
/// did not (`--only`, `--from`, or a `--from` past a failed step) must not leave the record COMPLETED: it stays
/// FAILED at its first unfinished step, where the next plain run resumes.
enum RunCoverage {
    /// The steps still to do after this run, in plan order: every step of `plan` (as selected, before any
    /// resume) that a whole run would execute (not skipped by its own condition) and that is none of: done in
    /// this run (`StepSummary.isDone`), skipped as completed by the resume (`executed`, the plan as run), or
    /// recorded as done with what it runs now (`carried`, the begin's `Step_Fingerprints`, against `current`).
    static func unfinished(
        plan: Plan, executed: Plan, ran: [StepSummary], carried: StepFingerprints?, current: StepFingerprints?
    ) -> [String] {
        let doneNow = Set(ran.filter(\.isDone).map(\.name))
        let skippedAsDone = Set(executed.steps.filter {
            if case .skippedCompleted = $0.disposition { true } else { false }
        }.map(\.name))
        return plan.steps.filter { step in
            if case .skippedCondition = step.disposition { return false }
            if doneNow.contains(step.name) || skippedAsDone.contains(step.name) { return false }
            if let then = carried?[step.name], then == current?[step.name] { return false }
            return true
        }.map(\.name)
    }

    /// The record's reason for a partial run: what is left.
    static func reason(_ unfinished: [String], selection: StepSelection?) -> String {
        let shown = unfinished.prefix(5).joined(separator: ", ") + (unfinished.count > 5 ? " (and \(unfinished.count - 5) more)" : "")
        let how = selection.map { " (\($0.flags))" } ?? ""
        return "partial run\(how): not run yet: \(shown)"
    }
}
