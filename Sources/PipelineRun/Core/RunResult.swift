import Foundation
import PipelinePlan
import PipelineState

/// How a run's work ended: the one value the run core finishes with (`RunMachine`'s `finish`), completed by the
/// runner with what only it knows (the stop reason, the logs folder, the final write), and from which the
/// ending (`ending`: record and exit code) and the summary (`RunSummary(result:)`) are made, each once.
struct RunResult: Sendable, Hashable {
    var steps: [StepSummary] = []
    /// The first step whose failure fails the run (`stop` or `continue`).
    var failedStep: String?
    /// The first step whose failure stops the pipeline (`stop`): later steps are skipped, `always` ones aside.
    var haltedBy: String?
    /// The failed step's reason.
    var failure: String?
    /// A step was stopped (or the run before its first step).
    var cancelled = false
    /// The first state write that failed.
    var stateError: StateError?
    /// Stopped before the steps (a check, the begin, preflight, resume point missing, log folder unusable).
    var refused: RunError?
    var logFolder: URL?
    /// Why the run was stopped, if it was (`RunCancellation.reason`, the first reason given).
    var stop: StopReason?
    /// The final record, once written (`Runner.record`): what the store got when it differs in kind, the steps
    /// left undone, or why the write failed.
    var recordedStatus: RunStatus?
    var unfinishedSteps: [String] = []
    var finalWriteError: StateError?

    /// Stopped before the first step.
    static let stopped = RunResult(cancelled: true)

    static func refused(_ error: RunError, logs: URL? = nil) -> RunResult {
        RunResult(refused: error, logFolder: logs)
    }

    struct Ending: Equatable {
        var status: RunStatus
        var reason: String?
        var exitCode: ExitStatus
        /// False when the record is no longer ours to write.
        var write: Bool

        /// What the store gets: a cancelled run is recorded FAILED, as the original did (nothing around it knows
        /// CANCELLED), its reason saying so, unless CANCELLED is asked for (`RunPolicy.recordCancelled`).
        func recorded(keepingCancelled: Bool) -> (status: RunStatus, reason: String?) {
            guard status == .cancelled, !keepingCancelled else { return (status, reason) }
            return (.failed, "cancelled: \(reason ?? "stopped")")
        }
    }

    /// The final record and exit code. A stop request wins over what the steps did; a refused phase is FAILED
    /// with its reason; a failed state write is exit 5 with the run recorded FAILED when the store comes back.
    var ending: Ending {
        switch stop {
        case .signal(let number):
            return Ending(status: .cancelled, reason: stop?.description, exitCode: ExitStatus(signal: number), write: true)
        case .superseded(let error):
            return Ending(status: .failed, reason: StopReason.superseded(error).description, exitCode: .stateConflict, write: false)
        case .leaseExpiring:
            return Ending(status: .failed, reason: stop?.description, exitCode: .stateUnavailable, write: true)
        case nil:
            break
        }
        if let refused {
            return Ending(status: .failed, reason: refused.description, exitCode: refused.exitCode, write: true)
        }
        if let stateError {
            let reason = "state store write failed: \(stateError)"
            return Ending(status: .failed, reason: reason, exitCode: RunError.state(stateError).exitCode, write: !stateError.isSuperseded)
        }
        if cancelled {  // stopped with no reason given: never mistaken for done
            return Ending(status: .failed, reason: "run stopped before its steps were done", exitCode: .stepFailed, write: true)
        }
        if let failedStep {
            return Ending(status: .failed, reason: "step '\(failedStep)' failed: \(failure ?? "")", exitCode: .stepFailed, write: true)
        }
        return Ending(status: .completed, reason: nil, exitCode: .success, write: true)
    }
}

extension RunSummary {
    /// The summary of a run, made once from its result: the ending's status and exit code, the steps, the
    /// failure to print (the stop's or state store's reason when there is one), then what the final write did.
    init(key: RunKey, runID: Int?, result: RunResult, seconds: Double) {
        let end = result.ending
        self.init(
            key: key, runID: runID, status: end.status, steps: [], failedStep: nil, failure: nil, exitCode: end.exitCode,
            seconds: seconds, logFolder: result.logFolder)
        if let refused = result.refused {
            failure = refused.description
        } else {
            steps = result.steps
            failedStep = result.failedStep
            failure = result.failure
            if result.failedStep != nil { status = .failed }
            if result.stop != nil || result.stateError != nil { failure = end.reason }
        }
        recordedStatus = result.recordedStatus
        unfinishedSteps = result.unfinishedSteps
        if let error = result.finalWriteError {
            failure = error.description
            if exitCode == .success || exitCode == .stepFailed { exitCode = RunError.state(error).exitCode }
        }
    }
}

extension StepSummary {
    /// Ran and succeeded, or failed under `on_failure ignore`: done, as far as a resume is concerned.
    var isDone: Bool {
        switch status {
        case .completed, .failed(_, ignored: true): return true
        case .failed, .cancelled, .skipped: return false
        }
    }
}

extension StateError {
    var isSuperseded: Bool {
        if case .superseded = self { return true }
        return false
    }
}
