import Basics
import Foundation

extension RunListing {
    /// One row per run, newest first: what an operator scans for before a rerun. A run still IN_PROGRESS shows
    /// its time so far, measured against `now`.
    public func text(now: Date) -> String {
        let header = ["CORRELATION_ID", "RUN_ID", "STATUS", "CURRENT_STEP", "STARTED (UTC)", "DURATION"]
        let rows = records.map { record -> [String] in
            let end = record.status == .inProgress ? now : record.updatedAt
            // Records keep whole seconds: no finer figure than that.
            let seconds = end.timeIntervalSince(record.startedAt).rounded()
            let duration = seconds < 1 ? "<1s" : DurationText.format(seconds)
            return [
                record.correlationID, String(record.runID), record.status.rawValue, record.currentStep ?? "-",
                Self.stamp(record.startedAt), record.status == .inProgress ? duration + " so far" : duration,
            ].map(TerminalText.oneLine)
        }
        return Columns.table([header] + rows).joined(separator: "\n")
    }

    /// A JSON array of the records as `status --format json` prints one.
    public func json() throws -> String {
        "[" + (try records.map { try $0.json() }).joined(separator: ",\n") + "]"
    }

    static func stamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon))
    }
}
