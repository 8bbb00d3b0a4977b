import Foundation

/// Everything a state store can refuse or fail with. Each case renders as one line saying what and where.
public enum StateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The previous run of this key completed; only `--force` starts it again.
    case alreadyCompleted(RunKey, runID: Int)
    /// Another runner holds an unexpired lease; wait, or `--takeover` if it is known to be dead.
    case inProgressElsewhere(RunKey, runID: Int, owner: RunOwner, leaseExpiresAt: Date?)
    /// A write was refused because the record no longer belongs to this run (another runner took over,
    /// or the record vanished). `found` is the Run_Id now stored, nil when there is no record.
    case superseded(RunKey, runID: Int, found: Int?)
    /// A resume would skip steps that changed since the failed run (`--accept-changes` resumes anyway).
    case drifted(RunKey, previousRunID: Int, changes: [Drift])
    /// The stored record cannot be decoded. Never reset silently: an operator must look at it.
    case corruptRecord(path: String, reason: String)
    /// The store cannot be reached or written (what failed, where, why).
    case unavailable(what: String, location: String, reason: String)
    /// The stored Run_Id is the largest a record may hold (`RecordLimits.runIDs`): no run can begin after it.
    case runIDExhausted(RunKey, runID: Int)

    public var description: String {
        switch self {
        case .alreadyCompleted(let key, let runID):
            return "run \(key) already COMPLETED (Run_Id \(runID)); use --force to run it again"
        case .inProgressElsewhere(let key, let runID, let owner, let lease):
            let until = lease.map { "lease until \(StateError.timestamp($0))" } ?? "no lease recorded"
            return "run \(key) is IN_PROGRESS (Run_Id \(runID)) by \(owner), \(until); use --takeover if that runner is dead"
        case .superseded(let key, let runID, let found):
            let now = found.map { "Run_Id \($0)" } ?? "no record"
            return "run \(key) Run_Id \(runID) was superseded (the store now holds \(now)); another runner took over"
        case .drifted(let key, let previousRunID, let changes):
            let shown = changes.prefix(3).map(\.description).joined(separator: "; ")
            let more = changes.count > 3 ? " (and \(changes.count - 3) more)" : ""
            return "run \(key): steps before the resume point changed since run \(previousRunID): \(shown)\(more); "
                + "rerun them with --from STEP, or resume anyway with --accept-changes"
        case .corruptRecord(let path, let reason):
            return "\(path): corrupt state record: \(reason); fix or remove it by hand"
        case .unavailable(let what, let location, let reason):
            return "state store unavailable: \(what) \(location): \(reason)"
        case .runIDExhausted(let key, let runID):
            return "run \(key) is at Run_Id \(runID), the largest a record may hold: no further run can begin; "
                + "archive or remove the record to start the correlation id again"
        }
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
