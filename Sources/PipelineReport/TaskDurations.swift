import Foundation
import PipelinePlan

/// How long each task took the last time the pipeline ran, read back from its timeline: the scheduler starts the
/// task with the longest remaining path first (`TaskGraph.remaining`), and `plan` prints the critical path.
public struct TaskDurations: Sendable, Hashable {
    public var runID: Int
    public var timeline: URL
    /// Task key → seconds of the attempt that succeeded.
    public var seconds: [String: Double]

    /// The newest timeline under `bases` (log folders as the runner names them) with a run of `pipeline` in which
    /// tasks succeeded; nil when there is none. Only the few newest timelines are read: the log base holds every
    /// run the cluster kept.
    public static func latest(pipeline: String, bases: [URL], reading limit: Int = 8) -> TaskDurations? {
        var timelines: [(modified: Date, url: URL)] = []
        for base in bases {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
            for name in names {
                let url = base.appendingPathComponent(name).appendingPathComponent(TimelineRecorder.fileName)
                guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
                      attributes[.type] as? FileAttributeType == .typeRegular,
                      let modified = attributes[.modificationDate] as? Date else { continue }
                timelines.append((modified, url))
            }
        }
        for (_, url) in timelines.sorted(by: { $0.modified > $1.modified }).prefix(limit) {
            guard let data = try? Data(contentsOf: url) else { continue }
            let runs = TimelineParser.parse(String(decoding: data, as: UTF8.self)).sections.map(RunTimeline.init(section:))
            for run in runs.reversed() where run.pipeline == pipeline {
                let seconds = Self.seconds(of: run)
                if !seconds.isEmpty { return TaskDurations(runID: run.runID, timeline: url, seconds: seconds) }
            }
        }
        return nil
    }

    /// The succeeded tasks' last attempts (a retry's wait is not the task's work).
    static func seconds(of run: RunTimeline) -> [String: Double] {
        var seconds: [String: Double] = [:]
        for task in run.tasks where task.outcome == .succeeded {
            let attempt = task.attempts.last.map { $0.end - $0.start } ?? task.seconds
            if attempt.isFinite, attempt >= 0 { seconds[task.key] = attempt }
        }
        return seconds
    }
}

extension Plan {
    /// Every task with the time it took in `durations` (tasks it does not know keep none).
    public func expecting(_ durations: TaskDurations?) -> Plan {
        guard let durations else { return self }
        var plan = self
        for s in plan.steps.indices {
            for w in plan.steps[s].waves.indices {
                for t in plan.steps[s].waves[w].tasks.indices {
                    plan.steps[s].waves[w].tasks[t].expectedSeconds = durations.seconds[plan.steps[s].waves[w].tasks[t].key]
                }
            }
        }
        return plan
    }
}
