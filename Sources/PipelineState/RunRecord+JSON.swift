import Basics
import Foundation

extension RunRecord {
    /// The record as stored by the local store: pretty, sorted keys, ISO 8601 dates (for `status --format json`).
    public func json() throws -> String {
        String(decoding: try RecordFile.encoder.encode(self), as: UTF8.self)
    }

    /// `Name  value` lines with the original attribute names, for `status`.
    public var text: String {
        func stamp(_ value: Date?) -> String { value.map { $0.formatted(.iso8601) } ?? "-" }
        let rows: [(String, String)] = [
            ("Correlation_Id", correlationID), ("DataProduct", product), ("Run_Id", String(runID)),
            ("Status", status.rawValue), ("CurrentStep", currentStep ?? "-"), ("Date", date),
            ("Cluster_Id", clusterID), ("S3_Prefix_Analytical_DataSet", s3Prefix), ("Snapshot_Type", snapshotType),
            ("Failure_Reason", failureReason ?? "-"),
            ("Completed_Tasks", completedTasks.isEmpty ? "-" : "\(completedTasks.count): " + completedTasks.joined(separator: ", ")),
            ("Continued_Failures", continuedFailures.isEmpty ? "-" : continuedFailures.joined(separator: ", ")),
            ("Started_At", stamp(startedAt)), ("Updated_At", stamp(updatedAt)), ("Lease_Expires_At", stamp(leaseExpiresAt)),
            ("Owner", owner.description),
        ]
        // Stored values may hold anything (a server's multi-line error): one line each, escaped.
        return Columns.table(rows.map { [$0.0, TerminalText.oneLine($0.1)] }).joined(separator: "\n")
    }
}
