import AWS
import Foundation
import PipelineState

/// Decodes one `data_pipeline_metadata` item strictly: an attribute that is present but of the wrong type,
/// a number that is not what it must be (a fractional or huge Run_Id, `NaN` as a time, a pid beyond Int32)
/// is `StateError.corruptRecord` naming it; never a trap (`Int(Double)` of 1e20 crashes) and never a silent
/// truncation (1.9 read as Run_Id 1). Absent attributes of ours get neutral defaults: items written by the
/// original system have none of them.
struct DynamoDBItemReader {
    let item: DynamoDBItem
    let location: String

    init(_ item: DynamoDBItem, location: String) {
        self.item = item
        self.location = location
    }

    func record() throws(StateError) -> (record: RunRecord, version: Int) {
        guard let correlationID = try string("Correlation_Id"), let product = try string("DataProduct") else {
            throw corrupt("missing key attributes")
        }
        guard let runID = try integer("Run_Id", in: RecordLimits.runIDs) else { throw corrupt("Run_Id is missing") }
        guard let statusText = try string("Status") else { throw corrupt("Status is missing") }
        guard let status = RunStatus(rawValue: statusText) else { throw corrupt("unknown Status '\(statusText)'") }
        let startedAt = try date("Started_At") ?? Date(timeIntervalSince1970: 0)
        let record = RunRecord(
            correlationID: correlationID, product: product, date: try string("Date") ?? "", runID: runID, status: status,
            currentStep: try string("CurrentStep"), clusterID: try string("Cluster_Id") ?? "",
            s3Prefix: try string("S3_Prefix_Analytical_DataSet") ?? "", snapshotType: try string("Snapshot_Type") ?? "",
            leaseExpiresAt: try date("Lease_Expires_At"), completedTasks: try strings("Completed_Tasks"),
            continuedFailures: try strings("Continued_Failures"), failureReason: try string("Failure_Reason"),
            startedAt: startedAt, updatedAt: try date("Updated_At") ?? startedAt, owner: try owner(),
            fingerprints: try fingerprints())
        let version = try integer(DynamoDBItemFormat.versionAttribute, in: 0...Int.max - 1) ?? 0
        return (try record.checked(at: location), version)
    }

    private func corrupt(_ reason: String) -> StateError { .corruptRecord(path: location, reason: reason) }

    private func string(_ name: String) throws(StateError) -> String? {
        guard let value = item[name] else { return nil }
        guard case .s(let text) = value else { throw corrupt("\(name) is not a string") }
        return text
    }

    /// The text of number attribute `name` of `map` (default: the item); `label` names it in messages.
    private func number(_ name: String, of map: DynamoDBItem? = nil, label: String? = nil) throws(StateError) -> String? {
        guard let value = (map ?? item)[name] else { return nil }
        guard case .n(let text) = value else { throw corrupt("\(label ?? name) is not a number") }
        return text
    }

    private func integer(
        _ name: String, in range: ClosedRange<Int>, of map: DynamoDBItem? = nil, label: String? = nil
    ) throws(StateError) -> Int? {
        guard let text = try number(name, of: map, label: label) else { return nil }
        guard let value = RecordLimits.integer(text, in: range) else {
            throw corrupt("\(label ?? name) \(text) is not a whole number in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    private func date(_ name: String) throws(StateError) -> Date? {
        guard let text = try number(name) else { return nil }
        guard let seconds = RecordLimits.seconds(text) else { throw corrupt("\(name) \(text) is not a usable time") }
        return Date(timeIntervalSince1970: seconds)
    }

    private func strings(_ name: String) throws(StateError) -> [String] {
        guard let value = item[name] else { return [] }
        guard case .l(let list) = value else { throw corrupt("\(name) is not a list") }
        var strings: [String] = []
        for element in list {
            guard case .s(let text) = element else { throw corrupt("\(name) holds a value that is not a string") }
            strings.append(text)
        }
        return strings
    }

    private func owner() throws(StateError) -> RunOwner {
        guard let value = item["Owner"] else { return RunOwner(host: "unknown", pid: 0) }
        guard case .m(let map) = value, case .s(let host)? = map["Host"],
            let pid = try integer("Pid", in: 0...Int(Int32.max), of: map, label: "Owner.Pid")
        else { throw corrupt("Owner is not a Host and Pid") }
        return RunOwner(host: host, pid: Int32(pid))
    }

    /// `Step_Fingerprints`: a map of step → map of task → string; absent in older items.
    func fingerprints() throws(StateError) -> StepFingerprints? {
        guard let value = item["Step_Fingerprints"] else { return nil }
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
}
