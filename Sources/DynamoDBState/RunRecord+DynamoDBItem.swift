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

    /// Attributes with no value (`Failure_Reason` when none, `Lease_Expires_At` after the end) are absent
    /// from the map; `removed` lists them so an update can remove a stale value. `CurrentStep` is never
    /// removed: a resumed run keeps the previous step until its first step starts, so the relauncher (which
    /// reads `CurrentStep` of every item) and a later resume still see where the work stopped.
    static func item(_ record: RunRecord, version: Int, timeToExist: Date) -> (item: DynamoDBItem, removed: [String]) {
        var item = key(record.key)
        var removed: [String] = []
        func set(_ name: String, _ value: AttributeValue?) {
            if let value { item[name] = value } else { removed.append(name) }
        }
        set("Date", .s(record.date))
        set("Run_Id", .number(record.runID))
        set("Status", .s(record.status.rawValue))
        if let step = record.currentStep { item["CurrentStep"] = .s(step) }
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

    /// The record and its version (0 for an item written by the original system); `corruptRecord` naming
    /// `location` when the item is unusable.
    static func record(_ item: DynamoDBItem, location: String) throws(StateError) -> (record: RunRecord, version: Int) {
        func corrupt(_ reason: String) -> StateError { .corruptRecord(path: location, reason: reason) }
        func string(_ name: String) -> String? { item[name]?.stringValue }
        func number(_ name: String) -> Double? { if case .n(let text) = item[name] { Double(text) } else { nil } }
        func strings(_ name: String) -> [String] { if case .l(let list) = item[name] { list.compactMap(\.stringValue) } else { [] } }

        guard let correlationID = string("Correlation_Id"), let product = string("DataProduct") else {
            throw corrupt("missing key attributes")
        }
        guard let runID = number("Run_Id").map(Int.init) else { throw corrupt("Run_Id is missing or not a number") }
        guard let statusText = string("Status") else { throw corrupt("Status is missing") }
        guard let status = RunStatus(rawValue: statusText) else { throw corrupt("unknown Status '\(statusText)'") }
        var owner = RunOwner(host: "unknown", pid: 0)
        if case .m(let map) = item["Owner"], let host = map["Host"]?.stringValue, let pid = map["Pid"]?.intValue {
            owner = RunOwner(host: host, pid: Int32(truncatingIfNeeded: pid))
        }
        let startedAt = number("Started_At").map(Date.init(timeIntervalSince1970:)) ?? Date(timeIntervalSince1970: 0)
        let record = RunRecord(
            correlationID: correlationID, product: product, date: string("Date") ?? "", runID: runID, status: status,
            currentStep: string("CurrentStep"), clusterID: string("Cluster_Id") ?? "",
            s3Prefix: string("S3_Prefix_Analytical_DataSet") ?? "", snapshotType: string("Snapshot_Type") ?? "",
            leaseExpiresAt: number("Lease_Expires_At").map(Date.init(timeIntervalSince1970:)),
            completedTasks: strings("Completed_Tasks"), continuedFailures: strings("Continued_Failures"),
            failureReason: string("Failure_Reason"), startedAt: startedAt,
            updatedAt: number("Updated_At").map(Date.init(timeIntervalSince1970:)) ?? startedAt, owner: owner,
            fingerprints: try fingerprints(item["Step_Fingerprints"], corrupt))
        return (record, number(versionAttribute).map(Int.init) ?? 0)
    }

    /// `Step_Fingerprints`: a map of step → map of task → string; absent in older items.
    static func fingerprints(_ value: AttributeValue?, _ corrupt: (String) -> StateError) throws(StateError) -> StepFingerprints? {
        guard let value else { return nil }
        guard case .m(let steps) = value else { throw corrupt("Step_Fingerprints is not a map") }
        var result: StepFingerprints = [:]
        for (step, tasks) in steps {
            guard case .m(let map) = tasks else { throw corrupt("Step_Fingerprints.\(step) is not a map") }
            var hashes: [String: String] = [:]
            for (task, hash) in map {
                guard let text = hash.stringValue else { throw corrupt("Step_Fingerprints.\(step) has a non-string value") }
                hashes[task] = text
            }
            result[step] = hashes
        }
        return result
    }

    /// Epoch seconds with milliseconds, as a DynamoDB number.
    static func seconds(_ date: Date) -> AttributeValue {
        .n(String(format: "%.3f", date.timeIntervalSince1970))
    }
}
