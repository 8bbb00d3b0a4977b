import Foundation
import Logging
import PipelinePlan
import PipelineRun
import Synchronization

/// The run's events as log records (`--log-format json`): the same messages as `PlainReporter`, with the level
/// and the metadata a log search needs (`correlation_id`, `run_id`, `step`, `wave`, `task`). The final summary
/// table still goes to stdout through `output`.
public struct LogReporter: RunReporter {
    public var logger: Logger
    public var plain: PlainReporter
    /// Run_Id, once the run has one: on every line after `runStarted`.
    private let runID = RunIDBox()

    public init(logger: Logger, plain: PlainReporter) {
        self.logger = logger
        self.plain = plain
    }

    public func report(_ event: RunEvent) {
        if case .runStarted(_, let id, _, _) = event { runID.set(id) }
        var metadata: Logger.Metadata = [:]
        if let id = runID.get() { metadata["run_id"] = "\(id)" }
        var level = Logger.Level.info
        switch event {
        case .runStarted(let plan, let runID, _, _):
            metadata["correlation_id"] = "\(plan.run.correlationID)"
            metadata["run_id"] = "\(runID)"
        case .stepSkipped(let step, _), .stepStarted(let step, _, _):
            metadata["step"] = "\(step.name)"
        case .waveStarted(let step, let wave, _):
            metadata["step"] = "\(step.name)"
            metadata["wave"] = "\(wave.name)"
        case .taskStarted(let step, let task, _):
            metadata["step"] = "\(step.name)"
            metadata["task"] = "\(task.key)"
            level = .debug
        case .taskRetrying(let step, let task, _, _, _):
            metadata["step"] = "\(step.name)"
            metadata["task"] = "\(task.key)"
            level = .warning
        case .taskFinished(let step, let task, let result):
            metadata["step"] = "\(step.name)"
            metadata["task"] = "\(task.key)"
            if case .failed = result.status { level = .error }
        case .stepFinished(let summary):
            metadata["step"] = "\(summary.name)"
            if case .failed(_, let ignored) = summary.status { level = ignored ? .warning : .error }
        case .notice:
            level = .notice
        case .runFinished(let summary):
            metadata["status"] = "\(summary.status.rawValue)"
            metadata["exit_code"] = "\(summary.exitCode.rawValue)"
            if let runID = summary.runID { metadata["run_id"] = "\(runID)" }
            if summary.exitCode != .success { level = .error }
            let message = summary.failure.map { "run finished \(summary.status.rawValue): \($0)" }
                ?? "run finished \(summary.status.rawValue)"
            logger.log(level: level, "\(message)", metadata: metadata)
            if !summary.steps.isEmpty { plain.output(plain.mask.apply(summary.text)) }
            return
        }
        let message: String
        if case .taskStarted(_, let task, let attempt) = event {
            message = "task \(task.key): attempt \(attempt) started"
        } else if let line = plain.line(for: event) {
            message = line
        } else {
            return
        }
        logger.log(level: level, "\(message)", metadata: metadata)
    }
}

private final class RunIDBox: Sendable {
    private let value = Mutex<Int?>(nil)

    func set(_ id: Int) { value.withLock { $0 = id } }
    func get() -> Int? { value.withLock { $0 } }
}
