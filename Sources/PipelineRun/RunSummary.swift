import Foundation
import PipelinePlan
import PipelineState

/// How one task ended, after all its attempts.
public struct TaskResult: Sendable, Hashable {
    public enum Status: Sendable, Hashable {
        case succeeded
        case failed(String)
        /// Stopped by a signal to the runner.
        case cancelled
        /// Skipped by task-level resume: it succeeded in the previous run.
        case skippedCompleted
    }

    public var key: String
    public var status: Status
    public var attempts: Int
    public var logFile: URL?
    public var seconds: Double

    public var retries: Int { max(attempts - 1, 0) }
    public var succeeded: Bool { status == .succeeded || status == .skippedCompleted }
}

/// How one step ended, for the summary.
public struct StepSummary: Sendable, Hashable {
    public enum Status: Sendable, Hashable {
        case completed
        /// A task failed. `ignored` when the step is not critical (`on_failure ignore`): the failure is recorded
        /// and does not fail the run. An `on_failure continue` failure is not ignored: the run fails, later steps
        /// still run.
        case failed(String, ignored: Bool)
        case cancelled
        case skipped(String)
    }

    public var index: Int
    public var name: String
    public var status: Status
    /// Tasks of the step (whether run or not), tasks that ran (or started), tasks skipped by task-level resume.
    public var tasks: Int
    public var tasksRun: Int
    public var tasksSkipped: Int
    public var retries: Int
    public var seconds: Double
}

/// The end of a run: what the summary prints and what decides the exit code.
public struct RunSummary: Sendable, Hashable {
    public var key: RunKey
    public var runID: Int?
    public var status: RunStatus
    public var steps: [StepSummary]
    /// The step that failed the run, with why.
    public var failedStep: String?
    public var failure: String?
    public var exitCode: ExitStatus
    public var seconds: Double
    public var logFolder: URL?
    /// The status written to the store when it differs in kind from `status`: a cancelled run is recorded FAILED
    /// unless `RunPolicy.recordCancelled`. Nil when nothing was written.
    public var recordedStatus: RunStatus? = nil
    /// A run whose steps all succeeded but that left steps of the pipeline undone (`--only`, `--from`): those
    /// steps, in plan order. The record stays FAILED at the first, where the next run resumes.
    public var unfinishedSteps: [String] = []
}
