import Foundation

/// One run as the report draws it: steps, waves and tasks as bars on a time axis. Built from a timeline section
/// (`RunTimeline(section:)`); times are seconds since the run started.
public struct RunTimeline: Sendable, Hashable {
    public var runID: Int
    public var correlationID: String
    public var product: String
    public var pipeline: String
    public var resume: String?
    public var logFolder: String
    public var started: Date
    /// The run's end: its `run_finished` line, else the last line recorded (a killed run).
    public var duration: Double
    /// Whether the run recorded its end; a run that did not was killed (or is still running).
    public var finished: Bool
    /// The RunStatus (`COMPLETED`, `FAILED`, `CANCELLED`), or `UNFINISHED`.
    public var status: String
    public var exitCode: Int?
    public var failure: String?
    public var steps: [StepBar]
    public var notices: [String]

    /// The tasks that determined the run's end, in the order they ran: in each step, the chain from its last
    /// task back through the task each waited for (`markCriticalChain`).
    public var criticalPath: [TaskBar] {
        steps.flatMap { $0.waves.flatMap(\.tasks).filter(\.critical).sorted { $0.start < $1.start } }
    }

    public var tasks: [TaskBar] { steps.flatMap(\.waves).flatMap(\.tasks) }
}

public struct StepBar: Sendable, Hashable {
    public var index: Int
    public var name: String
    /// `completed|failed|continued|cancelled|skipped`, or `running` when the run ended without the step's end.
    public var status: String
    public var reason: String?
    public var start: Double?
    public var end: Double?
    /// Tasks not run again: done in an earlier run (task-level resume).
    public var skippedTasks: Int
    public var waves: [WaveBar]
}

public struct WaveBar: Sendable, Hashable {
    public var index: Int
    public var name: String
    public var start: Double
    public var end: Double
    public var tasks: [TaskBar]
}

public struct TaskBar: Sendable, Hashable {
    public enum Outcome: String, Sendable, Hashable {
        case succeeded, failed, cancelled
        /// No `task_finished` line: the runner was killed while it ran.
        case unfinished
    }

    /// One attempt: from its start to its failure (then a retry waits) or to the task's end.
    public struct Attempt: Sendable, Hashable {
        public var number: Int
        public var start: Double
        public var end: Double
        /// Why it failed, for attempts that were retried.
        public var failure: String?
    }

    public var key: String
    public var start: Double
    public var end: Double
    public var outcome: Outcome
    public var reason: String?
    public var attempts: [Attempt]
    public var log: String?
    /// On the critical path: the step's last task, or one that a task of the path waited for.
    public var critical: Bool

    public var retries: Int { max(attempts.count - 1, 0) }
    public var seconds: Double { end - start }
}
