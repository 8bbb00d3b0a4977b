import AWS
import Foundation
import PipelineState

/// The item format of `data_pipeline_metadata`, kept exactly: the original attributes with their original
/// types, `TimeToExist` in epoch seconds, plus attributes of ours in the same style. Items written by the
/// original system (no attributes of ours) read too, with neutral defaults.
enum DynamoDBItemFormat {
    static let keyAttributes: Set<String> = ["Correlation_Id", "DataProduct"]
    /// Ours: bumped by every write; conditions on it make read-apply-write atomic.
    static let versionAttribute = "Record_Version"

    static func key(_ key: RunKey) -> DynamoDBItem {
        ["Correlation_Id": .s(key.correlationID), "DataProduct": .s(key.product)]
    }

    /// The whole item of `record`. Attributes with no value (`CurrentStep` before the first step,
    /// `Failure_Reason` when none, `Lease_Expires_At` after the end) are absent from the map; `removed` lists
    /// them so an update can remove a stale value. A resumed run's record carries the previous run's
    /// CurrentStep itself (`BeginDecision`), so a run that dies before its first step still resumes there;
    /// a forced restart's record has none, and its item must not keep the old one.
    static func item(_ record: RunRecord, version: Int, timeToExist: Date) -> (item: DynamoDBItem, removed: [String]) {
        var item = key(record.key)
        var removed: [String] = []
        func set(_ name: String, _ value: AttributeValue?) {
            if let value { item[name] = value } else { removed.append(name) }
        }
        set("Date", .s(record.date))
        set("Run_Id", .number(record.runID))
        set("Status", .s(record.status.rawValue))
        set("CurrentStep", record.currentStep.map(AttributeValue.s))
        set("Cluster_Id", .s(record.clusterID))
        set("S3_Prefix_Analytical_DataSet", .s(record.s3Prefix))
        set("Snapshot_Type", .s(record.snapshotType))
        set("TimeToExist", .number(Int(timeToExist.timeIntervalSince1970)))
        set("Lease_Expires_At", record.leaseExpiresAt.map(seconds))
        set("Completed_Tasks", .l(record.completedTasks.map(AttributeValue.s)))
        set("Continued_Failures", .l(record.continuedFailures.map(AttributeValue.s)))
        set("Failure_Reason", record.failureReason.map(AttributeValue.s))
        set("Started_At", seconds(record.startedAt))
        set("Updated_At", seconds(record.updatedAt))
        set("Owner", .m(["Host": .s(record.owner.host), "Pid": .number(Int(record.owner.pid))]))
        set("Step_Fingerprints", record.fingerprints.map { steps in
            .m(steps.mapValues { tasks in .m(tasks.mapValues(AttributeValue.s)) })
        })
        set(versionAttribute, .number(version))
        return (item, removed)
    }

    /// `record` as it reads back once stored (timestamps to the millisecond): what a re-read is compared
    /// with to recognise a write of ours whose answer was lost.
    static func stored(_ record: RunRecord) -> RunRecord {
        let (item, _) = item(record, version: 1, timeToExist: record.updatedAt)
        return (try? DynamoDBItemReader(item, location: "").record().record) ?? record
    }

    /// The record and its version (0 for an item written by the original system); `corruptRecord` naming
    /// `location` when the item is unusable.
    static func record(_ item: DynamoDBItem, location: String) throws(StateError) -> (record: RunRecord, version: Int) {
        try DynamoDBItemReader(item, location: location).record()
    }

    /// Epoch seconds with milliseconds, as a DynamoDB number.
    static func seconds(_ date: Date) -> AttributeValue {
        .n(String(format: "%.3f", date.timeIntervalSince1970))
    }
}
