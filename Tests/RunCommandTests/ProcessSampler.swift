import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import TestSupport

/// Samples every process's argv (`/proc/PID/cmdline`) and environment (`/proc/PID/environ`) every 10 ms on a
/// thread of its own, counting where any canary appears. The runner itself is excluded (its environment is where
/// the canaries come from), as is this test process; the `allowed` task's own `PW` and `AWS_SESSION_TOKEN` (it asks
/// for them with `env=[...]`) are counted apart.
final class ProcessSampler: Sendable {
    struct Figures: Sendable, CustomStringConvertible {
        var samples = 0
        /// Distinct (pid, start) processes seen that carry `PDM_TASK` (tasks of some run): proof the sampler saw children.
        var taskProcesses = 0
        var argvOccurrences: [String] = []
        var environmentOccurrences: [String] = []
        var allowedOccurrences = 0

        /// Wall time sampled, for the mean interval between samples.
        var seconds = 0.0

        var description: String {
            "samples=\(samples) mean-interval=\(samples == 0 ? 0 : Int(seconds * 1000 / Double(samples)))ms"
                + " task-processes=\(taskProcesses)"
                + " argv-occurrences=\(argvOccurrences.count) env-occurrences=\(environmentOccurrences.count) allowed=\(allowedOccurrences)"
        }
    }

    private let canaryBytes: [(String, Data)]
    private let runnerPrefix: Data
    private static let taskMarker = Data("PDM_TASK=".utf8)
    private let allowedTask: String?
    private let excluded = Mutex<Set<pid_t>>([getpid()])
    private let state = Mutex<(figures: Figures, seenTasks: Set<String>, stop: Bool)>((Figures(), [], false))
    private let finished = DispatchSemaphore(value: 0)

    /// `runner`: the command line prefix of the runner (binary, then `run`), excluded from the moment it exists
    /// (its pid is known only after the spawn).
    init(canaries: [String], allowedTask: String?, runner: [String]) {
        self.runnerPrefix = Data((runner.joined(separator: "\0") + "\0").utf8)
        self.canaryBytes = canaries.map { ($0, Data($0.utf8)) }
        self.allowedTask = allowedTask
        Thread.detachNewThread { [self] in loop() }
    }

    func exclude(_ pid: pid_t) { excluded.withLock { _ = $0.insert(pid) } }

    /// Waits for the sampling thread's last sample (on a thread of its own: the semaphore never blocks a test task).
    func stop() async -> Figures {
        state.withLock { $0.stop = true }
        let finished = self.finished
        await Blocking.run { finished.wait() }
        return state.withLock { $0.figures }
    }

    private func loop() {
        let started = ContinuousClock.now
        while !state.withLock({ $0.stop }) {
            sample()
            usleep(10_000)
        }
        let elapsed = ContinuousClock.now - started
        state.withLock { $0.figures.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18 }
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
            let argv = Self.readData("/proc/\(pid)/cmdline")
            if argv.starts(with: runnerPrefix) { continue }
            let environment = Self.readData("/proc/\(pid)/environ")
            // Byte search in the (optimised) Foundation: a sample must take milliseconds, not a String scan's 100.
            if environment.range(of: Self.taskMarker) != nil {
                let entries = String(decoding: environment, as: UTF8.self).split(separator: "\0")
                if let task = entries.first(where: { $0.hasPrefix("PDM_TASK=") }) {
                    tasks.append("\(pid) \(Self.read("/proc/\(pid)/stat").split(separator: " ").dropFirst(21).first ?? "") \(task)")
                }
            }
            for (canary, bytes) in canaryBytes {
                if argv.range(of: bytes) != nil {
                    argvHits.append("pid \(pid) argv: \(String(decoding: argv, as: UTF8.self).replacingOccurrences(of: "\0", with: " "))")
                }
                guard environment.range(of: bytes) != nil else { continue }
                let entries = String(decoding: environment, as: UTF8.self).split(separator: "\0")
                if let allowedTask, entries.contains(Substring("PDM_TASK=\(allowedTask)")), entries.contains(where: { ($0.hasPrefix("PW=") || $0.hasPrefix("AWS_SESSION_TOKEN=")) && $0.hasSuffix(canary) }) {
                    allowed += 1
                } else {
                    environmentHits.append("pid \(pid) env (\(String(decoding: argv, as: UTF8.self).replacingOccurrences(of: "\0", with: " "))) has a canary")
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

    static func read(_ path: String) -> String { String(decoding: readData(path), as: UTF8.self) }

    /// The whole file with plain read(2) (procfs reports size 0; FileHandle is slow at this rate).
    static func readData(_ path: String) -> Data {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return Data() }
        defer { close(fd) }
        var out = Data()
        var buffer = [UInt8](repeating: 0, count: 8192)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            buffer.withUnsafeBytes { out.append($0.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n) }
        }
        return out
    }
}
