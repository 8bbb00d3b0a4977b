import Foundation

/// A product's recorded runs, newest first (`pdm-pipeline runs`), with the records that could not be read: one
/// corrupt record must not hide the others from the operator looking for a failed run.
public struct RunListing: Sendable {
    public var records: [RunRecord]
    public var unreadable: [StateError]

    public init(records: [RunRecord], unreadable: [StateError] = []) {
        self.records = records.sorted(by: Self.newestFirst)
        self.unreadable = unreadable
    }

    /// Started later first; for runs started in the same instant, the higher Run_Id, then by correlation id.
    static func newestFirst(_ a: RunRecord, _ b: RunRecord) -> Bool {
        if a.startedAt != b.startedAt { return a.startedAt > b.startedAt }
        if a.runID != b.runID { return a.runID > b.runID }
        return a.correlationID < b.correlationID
    }
}

/// A store that can list every record of a product (a scan: for operators, never on a run's path).
public protocol RunLister: Sendable {
    func list(product: String) async throws(StateError) -> RunListing
}

extension LocalFileStateStore: RunLister {
    /// Every `<correlation id>__<product>.json` in the folder. Records are replaced by rename, so a read without
    /// the lock sees a whole record.
    public func list(product: String) async throws(StateError) -> RunListing {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            return RunListing(records: [])
        } catch {
            throw .unavailable(what: "cannot list state folder", location: directory.path, reason: error.localizedDescription)
        }
        let suffix = "__\(Self.fileSafe(product)).json"
        var records: [RunRecord] = []
        var unreadable: [StateError] = []
        for name in names.sorted() where name.hasSuffix(suffix) {
            do {
                if let record = try RecordFile.read(directory.appendingPathComponent(name)), record.product == product {
                    records.append(record)
                }
            } catch {
                unreadable.append(error)
            }
        }
        return RunListing(records: records, unreadable: unreadable)
    }
}
