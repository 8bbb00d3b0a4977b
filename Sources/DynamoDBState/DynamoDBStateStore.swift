import AWS
import Foundation
import PipelineState

/// The run state in the DynamoDB table `data_pipeline_metadata`, wire-compatible with the original item (read by
/// the relauncher lambda and a Hive external table), with the shared semantics of `StateStore`:
///
/// - `begin`: GetItem with ConsistentRead; `BeginDecision.decide`; then PutItem of the **whole** new item (so no
///   attribute of the previous run survives: a forced restart must not keep the old CurrentStep), on condition
///   `attribute_not_exists(Correlation_Id)` (no item) or `Run_Id = :seen AND Record_Version = :version`.
/// - every later write applies the shared `RunTransition`s (the runner's writer batches what queued up while
///   a write was in flight) to the last record this store wrote and updates the item on condition
///   `Run_Id = :mine AND Record_Version = :version`: one call per write, however many transitions it carries.
/// - A failed condition is re-read. When the stored item is exactly the one this call wrote, it is ours: a
///   retried write whose first attempt landed but whose answer was lost (the AWS layer retries transport
///   errors), so nothing is applied twice and Run_Id moves by exactly one. When Run_Id moved, the runner was
///   superseded. Otherwise (the version moved under the same Run_Id: another store object writing for the same
///   handle, never the runner's own writer) it re-applies, up to `maxVersionRetries` times.
/// - Retries of the AWS layer follow the client's policy: for the CLI a time budget (`--state-retry-seconds`),
///   so a DynamoDB outage shorter than it is ridden out.
/// - `TimeToExist` (epoch seconds, DynamoDB TTL) is set to `now + timeToExist` on every write.
public actor DynamoDBStateStore: StateStore {
    public nonisolated let table: String
    public nonisolated let timeToExist: TimeInterval
    let dynamo: DynamoDBClient
    /// The last record and version this store wrote or read, per key: saves a read per checkpoint.
    private var known: [RunKey: (record: RunRecord, version: Int)] = [:]
    private static let maxVersionRetries = 10

    public static let defaultTable = "data_pipeline_metadata"
    public static let defaultTimeToExist: TimeInterval = 7 * 24 * 3600

    public init(client: DynamoDBClient, table: String = defaultTable, timeToExist: TimeInterval = defaultTimeToExist) {
        self.dynamo = client
        self.table = table
        self.timeToExist = timeToExist
    }

    public func begin(_ request: BeginRequest) async throws(StateError) -> BeginOutcome {
        let existing = try await fetch(request.key)
        let outcome = try BeginDecision.decide(existing: existing?.record, request: request)
        let version = (existing?.version ?? 0) + 1
        let condition =
            existing.map { versionCondition(runID: $0.record.runID, version: $0.version) }
            ?? .init("attribute_not_exists(Correlation_Id)")
        let (item, _) = DynamoDBItemFormat.item(outcome.record, version: version, timeToExist: request.now + timeToExist)
        let written = try await attempt("cannot write run record", request.key) {
            try await dynamo.putItem(table: table, item: item, condition: condition)
        }
        if !written {
            let found = try await fetch(request.key)
            guard let found, Self.isOurs(found, record: outcome.record, version: version) else {
                throw .superseded(request.key, runID: outcome.record.runID, found: found?.record.runID)
            }
        }
        known[request.key] = (outcome.record, version)
        return outcome
    }

    public func read(_ key: RunKey) async throws(StateError) -> RunRecord? {
        try await fetch(key)?.record
    }

    // MARK: Conditional writes

    public func apply(_ transitions: [RunTransition], to handle: RunHandle, at now: Date) async throws(StateError) {
        var current = known[handle.key]
        for _ in 0..<Self.maxVersionRetries {
            if current == nil { current = try await fetch(handle.key) }
            guard let (record, version) = current else { throw .superseded(handle.key, runID: handle.runID, found: nil) }
            let next = try record.applying(transitions, by: handle, at: now)
            let condition = versionCondition(runID: handle.runID, version: version)
            if try await update(next, previous: record, version: version + 1, now: now, condition: condition) {
                known[handle.key] = (next, version + 1)
                return
            }
            // Someone wrote in between, or our own first attempt did and its answer was lost: read again.
            // `applying` reports a superseded Run_Id.
            current = try await fetch(handle.key)
            if let found = current, Self.isOurs(found, record: next, version: version + 1) {
                known[handle.key] = (next, version + 1)
                return
            }
        }
        throw .unavailable(
            what: "too many concurrent writes to", location: location(handle.key), reason: "gave up after \(Self.maxVersionRetries) tries")
    }

    /// True when the stored item is the one a write of `record` at `version` produced.
    private static func isOurs(_ found: (record: RunRecord, version: Int), record: RunRecord, version: Int) -> Bool {
        found.version == version && found.record == DynamoDBItemFormat.stored(record)
    }

    private func versionCondition(runID: Int, version: Int) -> DynamoDBClient.Expression {
        // Items written by the original system have no version attribute.
        let versionTest = version == 0 ? "attribute_not_exists(#version)" : "#version = :version"
        return .init(
            "Run_Id = :seen AND \(versionTest)", names: ["#version": DynamoDBItemFormat.versionAttribute],
            values: version == 0 ? [":seen": .number(runID)] : [":seen": .number(runID), ":version": .number(version)])
    }

    /// SETs the attributes that differ from `previous` and REMOVEs the ones that became absent; false when the
    /// condition failed. Writing only what changed keeps a checkpoint cheap.
    private func update(
        _ record: RunRecord, previous: RunRecord, version: Int, now: Date, condition: DynamoDBClient.Expression
    ) async throws(StateError) -> Bool {
        var (item, removed) = DynamoDBItemFormat.item(record, version: version, timeToExist: now + timeToExist)
        let (old, oldRemoved) = DynamoDBItemFormat.item(previous, version: version - 1, timeToExist: now + timeToExist)
        item = item.filter { $0.key == "TimeToExist" || old[$0.key] != $0.value }  // TTL renews on every write
        removed = removed.filter { !oldRemoved.contains($0) }
        var names: [String: String] = [:]
        var values: DynamoDBItem = [:]
        var assignments: [String] = []
        for (index, (name, value)) in item.filter({ !DynamoDBItemFormat.keyAttributes.contains($0.key) }).sorted(by: { $0.key < $1.key }).enumerated() {
            names["#a\(index)"] = name
            values[":a\(index)"] = value
            assignments.append("#a\(index) = :a\(index)")
        }
        var expression = "SET " + assignments.joined(separator: ", ")
        if !removed.isEmpty {
            for (index, name) in removed.enumerated() { names["#r\(index)"] = name }
            expression += " REMOVE " + removed.indices.map { "#r\($0)" }.joined(separator: ", ")
        }
        let update = DynamoDBClient.Expression(expression, names: names, values: values)
        return try await attempt("cannot write run record", record.key) {
            _ = try await dynamo.updateItem(table: table, key: DynamoDBItemFormat.key(record.key), update: update, condition: condition)
        }
    }

    /// Runs a conditional write: true when written, false when the condition failed; other errors are fatal.
    private func attempt(_ what: String, _ key: RunKey, _ write: () async throws -> Void) async throws(StateError) -> Bool {
        do {
            try await write()
            return true
        } catch let error as AWSError where error.isConditionalCheckFailed {
            return false
        } catch {
            throw .unavailable(what: what, location: location(key), reason: "\(error)")
        }
    }

    /// A consistent read. A failed read is an error, never "no item" (the original's Run_Id reset).
    private func fetch(_ key: RunKey) async throws(StateError) -> (record: RunRecord, version: Int)? {
        let item: DynamoDBItem?
        do {
            item = try await dynamo.getItem(table: table, key: DynamoDBItemFormat.key(key), consistentRead: true)
        } catch {
            throw .unavailable(what: "cannot read run record", location: location(key), reason: "\(error)")
        }
        guard let item else { return nil }
        return try DynamoDBItemFormat.record(item, location: location(key))
    }

    private nonisolated func location(_ key: RunKey) -> String { "\(key) in DynamoDB table \(table)" }
}
