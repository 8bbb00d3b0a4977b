import Foundation
import PipelinePlan
import PipelineState

extension Runner {
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
    static func ending(_ result: WorkResult, stop: StopReason?) -> Ending {
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
        switch result {
        case .refused(let error, _):
            return Ending(status: .failed, reason: error.description, exitCode: error.exitCode, write: true)
        case .ran(let outcome, _):
            if let stateError = outcome.stateError {
                let reason = "state store write failed: \(stateError)"
                return Ending(status: .failed, reason: reason, exitCode: RunError.state(stateError).exitCode, write: !stateError.isSuperseded)
            }
            if outcome.cancelled {  // stopped with no reason given: never mistaken for done
                return Ending(status: .failed, reason: "run stopped before its steps were done", exitCode: .stepFailed, write: true)
            }
            if let failed = outcome.failedStep {
                return Ending(status: .failed, reason: "step '\(failed)' failed: \(outcome.failure ?? "")", exitCode: .stepFailed, write: true)
            }
            return Ending(status: .completed, reason: nil, exitCode: .success, write: true)
        }
    }
}

extension RunSummary {
    /// A run stopped before its work: the error's reason and exit code.
    mutating func refuse(_ error: RunError) {
        failure = error.description
        exitCode = error.exitCode
    }

    /// What the work phase did, under the ending decided for it.
    mutating func conclude(_ result: Runner.WorkResult, end: Runner.Ending, stop: StopReason?) {
        status = end.status
        exitCode = end.exitCode
        switch result {
        case .refused(let error, let logs):
            failure = error.description
            logFolder = logs
        case .ran(let outcome, let logs):
            steps = outcome.steps
            failedStep = outcome.failedStep
            failure = outcome.failure
            logFolder = logs
            if outcome.failedStep != nil { status = .failed }
            if stop != nil || outcome.stateError != nil { failure = end.reason }
        }
    }
}

extension Runner {
    /// The last step of the work that completed in this run: trailing `always` steps (the flushes) are
    /// bookkeeping, and a completed record names the work's last step (the original's `create-views-tables`).
    /// Nil when no such step ran (the record keeps what it has).
    static func lastWorkStep(_ plan: Plan, _ steps: [StepSummary]) -> String? {
        let always = Set(plan.steps.filter(\.always).map(\.name))
        return steps.last { summary in
            guard !always.contains(summary.name) else { return false }
            if case .completed = summary.status { return true }
            if case .failed(_, ignored: true) = summary.status { return true }
            return false
        }?.name
    }
}
