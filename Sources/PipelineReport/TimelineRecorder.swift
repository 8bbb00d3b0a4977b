import Foundation
import PipelinePlan
import PipelineRun
import Synchronization

/// Records the run's events, with their times, in `<log folder>/timeline.jsonl` (what `report` draws), then
/// passes each event on unchanged. A decorator, so the runner knows nothing of it.
///
/// Each line is written as the event happens (one `write(2)`, no buffer): a killed run leaves a valid prefix. A
/// resumed run has its own log folder (the Run_Id is in its name) and so its own file; a file that already exists
/// is appended to, with a new `run_started` line opening the new section. Secrets are masked in every field. A
/// timeline that cannot be written never fails the run: one notice, and the run goes on without it.
public final class TimelineRecorder: RunReporter {
    public static let fileName = "timeline.jsonl"

    private struct State {
        var file: AppendOnlyFile?
        var runID = 0
        var folder: LogFolder?
        var places = TaskPlaces()
    }

    private let inner: any RunReporter
    private let mask: SecretMask
    private let now: @Sendable () -> Date
    private let state = Mutex(State())

    public init(wrapping inner: any RunReporter, mask: SecretMask, now: @escaping @Sendable () -> Date) {
        self.inner = inner
        self.mask = mask
        self.now = now
    }

    public func report(_ event: RunEvent) {
        let at = now()
        let problem: String? = state.withLock { s in
            if case .runStarted(_, let runID, _, let folder) = event {
                s.runID = runID
                s.folder = LogFolder(root: folder)
                s.places = TaskPlaces()
                let path = folder.appendingPathComponent(Self.fileName).path
                do throws(ReportError) {
                    s.file = try AppendOnlyFile(path: path)
                } catch {
                    s.file = nil
                    return "timeline: \(error); the run goes on without it"
                }
            }
            guard let file = s.file, let entry = Self.entry(for: event, at: at, runID: s.runID, logs: s.folder, places: &s.places) else { return nil }
            do throws(ReportError) {
                try file.append(entry.masked(mask).jsonLine() + "\n")
            } catch {
                // One notice per run, not one per event.
                s.file = nil
                return "timeline: \(error); the rest of the run is not recorded"
            }
            if case .runFinished = event { s.file = nil }
            return nil
        }
        inner.report(event)
        if let problem { inner.report(.notice(mask.apply(problem))) }
    }

    /// The line for one event; nil for events before the run started.
    static func entry(for event: RunEvent, at time: Date, runID: Int, logs: LogFolder?, places: inout TaskPlaces) -> TimelineEntry? {
        var entry: TimelineEntry
        switch event {
        case .runStarted(let plan, _, let resume, let folder):
            entry = TimelineEntry(time: time, event: .runStarted, runID: runID)
            entry.correlationID = plan.run.correlationID
            entry.product = plan.product
            entry.pipeline = plan.pipeline
            entry.resume = resume
            entry.logFolder = folder.absoluteURL.path
        case .stepSkipped(let step, let reason):
            entry = stepEntry(.stepSkipped, step, time, runID)
            entry.status = "skipped"
            entry.reason = reason
        case .stepStarted(let step, let tasks, let skipped):
            entry = stepEntry(.stepStarted, step, time, runID)
            entry.tasks = tasks
            entry.skippedTasks = skipped
        case .waveStarted(let step, let wave, let tasks):
            entry = stepEntry(.waveStarted, step, time, runID)
            entry.wave = wave.name
            entry.waveIndex = wave.index
            entry.tasks = tasks
        case .taskStarted(let step, let task, let attempt):
            let place = places.place(of: task, in: step)
            entry = taskEntry(.taskStarted, step, task, place, time, runID)
            entry.attempt = attempt
            if let logs, let place { entry.log = logs.file(for: task, in: step, ordinal: place.ordinal).absoluteURL.path }
        case .taskRetrying(let step, let task, let attempt, let reason, let delay):
            entry = taskEntry(.taskRetrying, step, task, places.place(of: task, in: step), time, runID)
            entry.attempt = attempt
            entry.reason = reason
            entry.delaySeconds = delay
        case .taskFinished(let step, let task, let result):
            entry = taskEntry(.taskFinished, step, task, places.place(of: task, in: step), time, runID)
            entry.attempts = result.attempts
            entry.seconds = result.seconds
            if let log = result.logFile { entry.log = log.absoluteURL.path }
            switch result.status {
            case .succeeded: entry.status = "succeeded"
            case .failed(let why): (entry.status, entry.reason) = ("failed", why)
            case .cancelled: entry.status = "cancelled"
            case .skippedCompleted: entry.status = "skipped_completed"
            }
        case .stepFinished(let summary):
            entry = TimelineEntry(time: time, event: .stepFinished, runID: runID)
            entry.step = summary.name
            entry.stepIndex = summary.index
            entry.seconds = summary.seconds
            entry.tasks = summary.tasksRun
            entry.skippedTasks = summary.tasksSkipped
            switch summary.status {
            case .completed: entry.status = "completed"
            // "continued": a non-critical step's failure, passed over (the name the timeline has always used).
            case .failed(let why, let ignored): (entry.status, entry.reason) = (ignored ? "continued" : "failed", why)
            case .cancelled: entry.status = "cancelled"
            case .skipped(let why): (entry.status, entry.reason) = ("skipped", why)
            }
        case .runFinished(let summary):
            entry = TimelineEntry(time: time, event: .runFinished, runID: runID)
            entry.status = summary.status.rawValue
            entry.exitCode = Int(summary.exitCode.rawValue)
            entry.seconds = summary.seconds
            entry.step = summary.failedStep
            entry.reason = summary.failure
        case .notice(let text):
            entry = TimelineEntry(time: time, event: .notice, runID: runID)
            entry.reason = text
        }
        return runID > 0 ? entry : nil
    }

    private static func stepEntry(_ event: TimelineEntry.Event, _ step: PlanStep, _ time: Date, _ runID: Int) -> TimelineEntry {
        var entry = TimelineEntry(time: time, event: event, runID: runID)
        entry.step = step.name
        entry.stepIndex = step.index
        return entry
    }

    /// A task's line names its wave (events carry the step, not the wave).
    private static func taskEntry(
        _ event: TimelineEntry.Event, _ step: PlanStep, _ task: PlanTask, _ place: TaskPlaces.Place?, _ time: Date, _ runID: Int
    ) -> TimelineEntry {
        var entry = stepEntry(event, step, time, runID)
        entry.task = task.key
        if let place {
            entry.wave = place.wave
            entry.waveIndex = place.waveIndex
        }
        return entry
    }
}

/// Where each task of a step is: its ordinal in the whole step (the runner's name for its log, `LogFolder.file`)
/// and its wave. Indexed once per step, not searched per event: a step of 1,000 tasks would otherwise cost two
/// walks over all its tasks for each of its task lines.
struct TaskPlaces {
    struct Place {
        var ordinal: Int
        var wave: String
        var waveIndex: Int
    }

    private var steps: [String: [String: Place]] = [:]

    /// The task's place; the first task of that key when a step has two (as the runner's own lookups do).
    mutating func place(of task: PlanTask, in step: PlanStep) -> Place? {
        if let known = steps[step.name] { return known[task.key] }
        var places: [String: Place] = [:]
        var ordinal = 0
        for wave in step.waves {
            for each in wave.tasks {
                if places[each.key] == nil { places[each.key] = Place(ordinal: ordinal, wave: wave.name, waveIndex: wave.index) }
                ordinal += 1
            }
        }
        steps[step.name] = places
        return places[task.key]
    }
}
