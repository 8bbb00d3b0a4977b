import Foundation
import PipelineRun

/// When `pdm_status` is pushed and when the pushgateway is wiped, as a pure function of the run's events and the
/// wipe actions. The rules:
/// - nothing is pushed before the run is ours (`runStarted`): a run refused at its begin belongs to someone else;
/// - `started` (1) when the run starts;
/// - the final status when the pipeline's work ends (every step that is not `always` has finished or been
///   skipped), before the grace period, so the scraper sees it for that long: failed (3) if a step failed,
///   cancelled (4) if one was cancelled, else completed (2); corrected at `runFinished` if the run's own final
///   status differs (a state write that failed at the end);
/// - a wipe before the work ends is the courtesy flush (stale series of an earlier run): the current status is
///   pushed again after it; a wipe after the work ends is the final one, and nothing is pushed after it;
/// - except that a run whose work failed (or was cancelled) is not wiped at its end: its status stays on the
///   gateway for the alert until the next run's courtesy flush, as the original left it (its flush steps never
///   ran after a failure);
/// - a run that was taken over (exit 3 after it started) pushes nothing more: the status is the new owner's.
public struct StatusTracker: Sendable, Hashable {
    public enum Delivery: Sendable, Hashable {
        case push(PDMStatus)
        case wipe
    }

    public private(set) var started = false
    public private(set) var workEnded: Date?
    public private(set) var finalWipeDone = false
    public private(set) var lastPushed: PDMStatus?
    private var pending: Set<String> = []
    private var failed = false
    private var cancelled = false

    public init() {}

    public mutating func apply(_ event: RunEvent, at now: Date) -> [Delivery] {
        switch event {
        case .runStarted(let plan, _, _, _):
            started = true
            pending = Set(plan.steps.filter { !$0.always }.map(\.name))
            return push(.started)
        case .stepSkipped(let step, _):
            return stepDone(step.name, at: now)
        case .stepFinished(let summary):
            switch summary.status {
            case .failed(_, let ignored): if !ignored { failed = true }
            case .cancelled: cancelled = true
            case .completed, .skipped: break
            }
            return stepDone(summary.name, at: now)
        case .runFinished(let summary):
            guard started else { return [] }
            if workEnded == nil { workEnded = now }
            if summary.exitCode == .stateConflict { return [] }
            let final: PDMStatus
            switch summary.status {
            case .completed: final = .completed
            case .cancelled: final = .cancelled
            case .failed, .inProgress: final = .failed
            }
            return lastPushed == final ? [] : push(final)
        default:
            return []
        }
    }

    /// A `pushgateway.wipe` action.
    public mutating func wipe() -> [Delivery] {
        guard !finalWipeDone else { return [] }
        guard workEnded != nil else {
            // The courtesy flush: clear an earlier run's series, then show ours again.
            return [.wipe] + (lastPushed.map { [.push($0)] } ?? [])
        }
        if keepsFinalStatus { return [] }
        finalWipeDone = true
        return [.wipe]
    }

    /// The work has ended other than completed: a final wipe leaves its status on the gateway.
    public var keepsFinalStatus: Bool {
        workEnded != nil && finalStatus != .completed
    }

    /// The status the work ended with, once it has.
    public var finalStatus: PDMStatus {
        cancelled ? .cancelled : failed ? .failed : .completed
    }

    private mutating func stepDone(_ name: String, at now: Date) -> [Delivery] {
        guard started, workEnded == nil, pending.remove(name) != nil, pending.isEmpty else { return [] }
        workEnded = now
        return push(finalStatus)
    }

    private mutating func push(_ status: PDMStatus) -> [Delivery] {
        guard !finalWipeDone else { return [] }
        lastPushed = status
        return [.push(status)]
    }
}
