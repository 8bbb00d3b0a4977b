import Foundation

extension RunRecord {
    /// The record as stored by the local store: pretty, sorted keys, ISO 8601 dates (for `status --format json`).
    public var json: String {
        let data = (try? RecordFile.encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
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
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n")
    }
}
