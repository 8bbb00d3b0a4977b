import PipelineState

/// Everything the runner can fail with before or around the steps (a failing task is not an error: it is a
/// step outcome). Each renders as one line.
public enum RunError: Error, Sendable, Hashable, CustomStringConvertible {
    case executableNotFound(String, usedBy: String, hint: String)
    case logFolderUnusable(path: String, reason: String)
    /// The previous run stopped at a step this pipeline does not have.
    case resumeStepMissing(step: String, previousRunID: Int)
    case preflightFailed(reason: String, exitCode: ExitStatus)
    case state(StateError)
    /// The run's private folder or a private file cannot be made safe (see `PrivateFiles`).
    case privateFileUnusable(path: String, reason: String)
    /// Tasks of an earlier run of this key are still alive after SIGTERM and SIGKILL (see `OrphanReaper`).
    case orphansAlive(pids: [Int32])

    public var description: String {
        switch self {
        case .executableNotFound(let name, let usedBy, let hint):
            return "executable '\(name)' not found in PATH (needed by \(usedBy)); \(hint)"
        case .logFolderUnusable(let path, let reason):
            return "cannot create log folder \(path): \(reason)"
        case .resumeStepMissing(let step, let previousRunID):
            return "run \(previousRunID) stopped at step '\(step)', which this pipeline does not have; choose where to start with --from STEP"
        case .preflightFailed(let reason, _):
            return reason
        case .state(let error):
            return error.description
        case .privateFileUnusable(let path, let reason):
            return "cannot use the private folder or file \(path): \(reason)"
        case .orphansAlive(let pids):
            return "tasks of an earlier run of this correlation id are still alive after SIGKILL (pid \(pids.map(String.init).joined(separator: ", "))); not starting a second copy"
        }
    }

    public var exitCode: ExitStatus {
        switch self {
        case .executableNotFound: return .engineNotFound
        case .logFolderUnusable, .resumeStepMissing, .privateFileUnusable: return .unusableInput
        case .orphansAlive: return .stateConflict
        case .preflightFailed(_, let code): return code
        case .state(let error):
            switch error {
            case .alreadyCompleted, .inProgressElsewhere, .superseded, .drifted, .runIDExhausted: return .stateConflict
            case .corruptRecord, .unavailable: return .stateUnavailable
            }
        }
    }
}
