import Foundation
import PipelinePlan
import PipelineState

/// Runs one process. The seam between scheduling and the operating system: the scheduler's tests can use a fake,
/// the runner uses `SubprocessLauncher`.
public protocol TaskLauncher: Sendable {
    /// Runs `request` to the end. Cancelling the calling task terminates the process group (SIGTERM, then SIGKILL
    /// after the grace period) before this returns; the outcome is then `.signaled` or whatever the process did.
    func launch(_ request: LaunchRequest) async -> LaunchOutcome
}

public struct LaunchRequest: Sendable, Hashable {
    /// argv[0] is an absolute path or a name looked up in `environment["PATH"]`.
    public var argv: [String]
    /// The child's whole environment: nothing is inherited implicitly.
    public var environment: [String: String]
    public var workingDirectory: String?
    /// stdout and stderr are appended here, through the runner, with `mask` applied.
    public var logFile: URL
    /// A line written to the log (masked) before anything the child prints, also when it cannot start.
    public var header: String?
    public var timeout: Duration?
    /// Between SIGTERM and SIGKILL.
    public var gracePeriod: Duration
    public var mask: SecretMask
    /// Where the task's process group is recorded while it runs, for the watchdog and the next run's reaper.
    public var runState: RunStateFolder?

    public init(
        argv: [String], environment: [String: String], workingDirectory: String? = nil, logFile: URL, header: String? = nil,
        timeout: Duration?, gracePeriod: Duration, mask: SecretMask = SecretMask(), runState: RunStateFolder? = nil
    ) {
        self.argv = argv
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.logFile = logFile
        self.header = header
        self.timeout = timeout
        self.gracePeriod = gracePeriod
        self.mask = mask
        self.runState = runState
    }
}

public enum LaunchOutcome: Sendable, Hashable, CustomStringConvertible {
    case exited(Int32)
    case signaled(Int32)
    /// The timeout passed; the process group was terminated.
    case timedOut(seconds: Double)
    /// The process could not be started (not found, not executable, log file not writable).
    case notStarted(String)

    public var succeeded: Bool { self == .exited(0) }

    public var description: String {
        switch self {
        case .exited(let code): return "exit code \(code)"
        case .signaled(let signal): return "killed by signal \(signal)"
        case .timedOut(let seconds): return "timed out after \(DurationText.format(seconds))"
        case .notStarted(let reason): return "could not start: \(reason)"
        }
    }
}
