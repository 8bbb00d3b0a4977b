import PipelineState

/// Everything the runner can fail with before or around the steps (a failing task is not an error: it is a
/// step outcome). Each renders as one line.
public enum RunError: Error, Sendable, Hashable, CustomStringConvertible {
    case executableNotFound(String, usedBy: String, hint: String)
    case logFolderUnusable(path: String, reason: String)
    /// The previous run stopped at a step this pipeline does not have.
    case resumeStepMissing(step: String, previousRunID: Int)
    case preflightFailed(reason: String, exitCode: Int32)
    /// Planning again for a resumed run failed (the planner has printed its diagnostics).
    case replanFailed(String)
    case state(StateError)

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
        case .replanFailed(let reason):
            return "cannot plan the resumed run: \(reason)"
        case .state(let error):
            return error.description
        }
    }

    public var exitCode: RunExitCode {
        switch self {
        case .executableNotFound: return .engineNotFound
        case .logFolderUnusable, .resumeStepMissing, .replanFailed: return .unusableInput
        case .preflightFailed(_, let code): return RunExitCode(rawValue: code) ?? .metastoreUnreachable
        case .state(let error):
            switch error {
            case .alreadyCompleted, .inProgressElsewhere, .superseded, .drifted: return .stateConflict
            case .corruptRecord, .unavailable: return .stateUnavailable
            }
        }
    }
}
