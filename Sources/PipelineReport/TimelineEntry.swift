import Basics
import Foundation
import PipelinePlan

/// One line of a run's `timeline.jsonl`: one runner event with the time it happened.
/// Every line carries its Run_Id, so a line read alone still says which run it belongs to; a `run_started` line
/// opens a run section. Fields that do not apply to an event are absent.
public struct TimelineEntry: Sendable, Hashable, Codable {
    public enum Event: String, Sendable, Hashable, Codable {
        case runStarted = "run_started"
        case stepSkipped = "step_skipped"
        case stepStarted = "step_started"
        case waveStarted = "wave_started"
        case taskStarted = "task_started"
        case taskRetrying = "task_retrying"
        case taskFinished = "task_finished"
        case stepFinished = "step_finished"
        case runFinished = "run_finished"
        case notice
    }

    public var time: Date
    public var event: Event
    public var runID: Int
    // run_started
    public var correlationID: String?
    public var product: String?
    public var pipeline: String?
    public var resume: String?
    public var logFolder: String?
    // steps, waves, tasks
    public var step: String?
    public var stepIndex: Int?
    public var wave: String?
    public var waveIndex: Int?
    public var task: String?
    public var attempt: Int?
    public var attempts: Int?
    /// Tasks of a step or wave; `skippedTasks`: done in an earlier run (task-level resume).
    public var tasks: Int?
    public var skippedTasks: Int?
    /// `succeeded|failed|cancelled|skipped_completed` (task), `completed|failed|continued|cancelled|skipped` (step),
    /// the RunStatus (run).
    public var status: String?
    /// Why a task attempt or step failed, why a step was skipped, a notice's text, the run's failure.
    public var reason: String?
    public var exitCode: Int?
    public var seconds: Double?
    public var delaySeconds: Double?
    /// The task's log file (absolute path).
    public var log: String?

    public init(time: Date, event: Event, runID: Int) {
        self.time = time
        self.event = event
        self.runID = runID
    }

    enum CodingKeys: String, CodingKey {
        case time, event, runID = "run_id", correlationID = "correlation_id", product, pipeline, resume
        case logFolder = "log_folder", step, stepIndex = "step_index", wave, waveIndex = "wave_index", task, attempt
        case attempts, tasks, skippedTasks = "skipped_tasks", status, reason, exitCode = "exit_code", seconds
        case delaySeconds = "delay_seconds", log
    }

    /// Every text field with the secrets' values replaced by `****`.
    public func masked(_ mask: SecretMask) -> TimelineEntry {
        guard !mask.isEmpty else { return self }
        var copy = self
        for path in [\TimelineEntry.correlationID, \.product, \.pipeline, \.resume, \.logFolder, \.step, \.wave, \.task,
                     \.status, \.reason, \.log] as [WritableKeyPath<TimelineEntry, String?>] {
            copy[keyPath: path] = copy[keyPath: path].map(mask.apply)
        }
        return copy
    }

    /// The entry as one JSON line (no newline inside: JSON escapes them), keys sorted so lines diff well. Written
    /// by hand (`JSONLine`), once per event of a run; it decodes to the same entry (`TimelineEntryTests`). A NaN
    /// duration is the only thing it cannot write, and that line is dropped.
    public func jsonLine() -> String {
        var line = JSONLine()
        line.add(CodingKeys.time.stringValue, Self.timestamp(time))
        line.add(CodingKeys.event.stringValue, event.rawValue)
        line.add(CodingKeys.runID.stringValue, runID)
        for (key, value) in [(CodingKeys.correlationID, correlationID), (.product, product), (.pipeline, pipeline), (.resume, resume),
                             (.logFolder, logFolder), (.step, step), (.wave, wave), (.task, task), (.status, status),
                             (.reason, reason), (.log, log)] {
            line.add(key.stringValue, value)
        }
        for (key, value) in [(CodingKeys.stepIndex, stepIndex), (.waveIndex, waveIndex), (.attempt, attempt), (.attempts, attempts),
                             (.tasks, tasks), (.skippedTasks, skippedTasks), (.exitCode, exitCode)] {
            line.add(key.stringValue, value)
        }
        line.add(CodingKeys.seconds.stringValue, seconds)
        line.add(CodingKeys.delaySeconds.stringValue, delaySeconds)
        return line.text ?? ""
    }

    /// Parses one line; nil when it is not a whole entry (a line cut off by a killed runner).
    public static func parse(_ line: Substring) -> TimelineEntry? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = parseTimestamp(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a timestamp: \(text)"))
            }
            return date
        }
        return try? decoder.decode(TimelineEntry.self, from: Data(line.utf8))
    }

    static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!)

    /// ISO 8601 UTC with milliseconds, as the JSON log lines have it.
    public static func timestamp(_ date: Date) -> String { UTCDate.iso8601(date, milliseconds: true) }

    static func parseTimestamp(_ text: String) -> Date? { try? style.parse(text) }
}
