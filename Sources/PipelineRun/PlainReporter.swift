import Foundation
import PipelinePlan
import PipelineState

/// Plain log lines (no TTY, e.g. EMR step logs): run and step starts and ends, retries, failures with the log
/// file and its last lines, and the summary. One line per event; task starts are not logged (too many).
public struct PlainReporter: RunReporter {
    public var mask: SecretMask
    /// Progress lines (stderr).
    public var log: @Sendable (String) -> Void
    /// The final summary (stdout).
    public var output: @Sendable (String) -> Void
    /// How many lines of a failing task's log to print.
    public var tailLines: Int

    public init(mask: SecretMask, tailLines: Int = 20, log: @escaping @Sendable (String) -> Void, output: @escaping @Sendable (String) -> Void) {
        self.mask = mask
        self.log = log
        self.output = output
        self.tailLines = tailLines
    }

    public func report(_ event: RunEvent) {
        if case .runFinished(let summary) = event {
            // Refused before any step: one error line, no table.
            if summary.steps.isEmpty, summary.exitCode != .success, let failure = summary.failure {
                log(mask.apply("error: \(failure)"))
            } else {
                output(mask.apply(summary.text))
            }
        } else if let line = line(for: event) {
            log(mask.apply(line))
        }
    }

    /// The line an event is logged as, or nil for events only a live display shows.
    public func line(for event: RunEvent) -> String? {
        switch event {
        case .runStarted(let plan, let runID, let resume, let folder):
            let first = "run \(plan.run.correlationID)/\(plan.product) Run_Id \(runID): pipeline '\(plan.pipeline)', \(plan.steps.count) steps; task logs in \(folder.path)"
            return resume.map { first + "\n" + $0 } ?? first
        case .stepSkipped(let step, let reason):
            return "step \(step.name): skipped (\(reason))"
        case .stepStarted(let step, let tasks, let skipped):
            let done = skipped > 0 ? ", \(skipped) already done" : ""
            let order = step.order == .tables ? "in table order" : "in \(step.waves.count) wave(s)"
            return "step \(step.name): started (\(tasks) tasks \(order), parallelism \(step.parallelism)\(done))"
        case .waveStarted(let step, let wave, let tasks):
            return step.waves.count > 1 ? "step \(step.name): wave \(wave.name) (\(tasks) tasks)" : nil
        case .taskStarted:
            return nil
        case .taskRetrying(_, let task, let attempt, let reason, let delay):
            return "task \(task.key): attempt \(attempt) failed (\(reason)); retrying in \(DurationText.format(delay))"
        case .taskFinished(_, let task, let result):
            guard case .failed(let reason) = result.status else { return nil }
            return failureText(task: task, result: result, reason: reason)
        case .stepFinished(let summary):
            switch summary.status {
            case .completed:
                return "step \(summary.name): completed (\(summary.tasksRun) tasks, \(summary.retries) retries, \(DurationText.format(summary.seconds)))"
            case .failed(let reason, let ignored):
                return "step \(summary.name): \(ignored ? "failed, ignored (on_failure ignore)" : "FAILED"): \(reason)"
            case .cancelled:
                return "step \(summary.name): cancelled"
            case .skipped(let reason):
                return "step \(summary.name): skipped (\(reason))"
            }
        case .notice(let text):
            return "note: \(text)"
        case .runFinished:
            return nil
        }
    }

    func failureText(task: PlanTask, result: TaskResult, reason: String) -> String {
        var text = "error: task \(task.key) failed after \(result.attempts) attempt(s): \(reason)"
        if let file = result.logFile {
            text += "\n  log: \(file.path)"
            let tail = LogFolder.tail(of: file, lines: tailLines)
            if !tail.isEmpty {
                text += "\n  last \(tail.count) line(s):" + tail.map { "\n    | " + $0 }.joined()
            }
        }
        return text
    }
}
