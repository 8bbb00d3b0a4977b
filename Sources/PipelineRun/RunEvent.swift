import Foundation
import PipelinePlan

/// What happens during a run, in order, for progress displays and logs.
public enum RunEvent: Sendable {
    case runStarted(plan: Plan, runID: Int, resume: String?, logFolder: URL)
    case stepSkipped(PlanStep, reason: String)
    case stepStarted(PlanStep, tasks: Int, skippedTasks: Int)
    case waveStarted(PlanStep, PlanWave, tasks: Int)
    case taskStarted(PlanStep, PlanTask, attempt: Int)
    case taskRetrying(PlanStep, PlanTask, attempt: Int, reason: String, delaySeconds: Double)
    case taskFinished(PlanStep, PlanTask, TaskResult)
    case stepFinished(StepSummary)
    case runFinished(RunSummary)
    /// Something worth a line that is not a step or task (a signal, a state write problem).
    case notice(String)
}

/// Receives run events. Called from many tasks at once: implementations synchronise themselves.
public protocol RunReporter: Sendable {
    func report(_ event: RunEvent)
}
