import Foundation
import Synchronization

/// Samples every process's argv (`/proc/PID/cmdline`) and environment (`/proc/PID/environ`) every 10 ms on a
/// thread of its own, counting where any canary appears. The runner itself is excluded (its environment is where
/// the canaries come from), as is this test process; a process whose environment names an `allowed` task (one
/// that asks for a secret with `env=[...]`) is counted apart.
final class ProcessSampler: Sendable {
    struct Figures: Sendable, CustomStringConvertible {
        var samples = 0
        /// Distinct (pid, start) processes seen that carry `PDM_TASK` (tasks of some run): proof the sampler saw children.
        var taskProcesses = 0
        var argvOccurrences: [String] = []
        var environmentOccurrences: [String] = []
        var allowedOccurrences = 0

        var description: String {
            "samples=\(samples) task-processes=\(taskProcesses) argv-occurrences=\(argvOccurrences.count) env-occurrences=\(environmentOccurrences.count) allowed=\(allowedOccurrences)"
        }
    }

    private let canaries: [String]
    private let allowedTask: String?
    private let excluded = Mutex<Set<pid_t>>([getpid()])
    private let state = Mutex<(figures: Figures, seenTasks: Set<String>, stop: Bool)>((Figures(), [], false))
    private let finished = DispatchSemaphore(value: 0)

    init(canaries: [String], allowedTask: String?) {
        self.canaries = canaries
        self.allowedTask = allowedTask
        Thread.detachNewThread { [self] in loop() }
    }

    func exclude(_ pid: pid_t) { excluded.withLock { _ = $0.insert(pid) } }

    func stop() -> Figures {
        state.withLock { $0.stop = true }
        finished.wait()
        return state.withLock { $0.figures }
    }

    private func loop() {
        while !state.withLock({ $0.stop }) {
            sample()
            usleep(10_000)
        }
        finished.signal()
    }

    private func sample() {
        let skip = excluded.withLock { $0 }
        let pids = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { pid_t($0) }
        var argvHits: [String] = []
        var environmentHits: [String] = []
        var allowed = 0
        var tasks: [String] = []
        for pid in pids where !skip.contains(pid) {
            let argv = Self.read("/proc/\(pid)/cmdline")
            let environment = Self.read("/proc/\(pid)/environ")
            let entries = environment.split(separator: "\0")
            if let task = entries.first(where: { $0.hasPrefix("PDM_TASK=") }) {
                tasks.append("\(pid) \(Self.read("/proc/\(pid)/stat").split(separator: " ").dropFirst(21).first ?? "") \(task)")
            }
            for canary in canaries {
                if argv.contains(canary) { argvHits.append("pid \(pid) argv: \(argv.replacingOccurrences(of: "\0", with: " "))") }
                guard environment.contains(canary) else { continue }
                if let allowedTask, entries.contains(Substring("PDM_TASK=\(allowedTask)")), entries.contains(where: { $0.hasPrefix("PW=") && $0.hasSuffix(canary) }) {
                    allowed += 1
                } else {
                    environmentHits.append("pid \(pid) env (\(argv.replacingOccurrences(of: "\0", with: " "))) has a canary")
                }
            }
        }
        state.withLock { state in
            state.figures.samples += 1
            state.figures.argvOccurrences += argvHits
            state.figures.environmentOccurrences += environmentHits
            state.figures.allowedOccurrences += allowed
            for task in tasks where state.seenTasks.insert(task).inserted { state.figures.taskProcesses += 1 }
        }
    }

    static func read(_ path: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        return String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
    }
}
