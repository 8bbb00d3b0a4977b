import Foundation
import Testing
@testable import PipelineState

/// A record file with an unusable value is `corruptRecord` naming the file, from `read` and `begin` (which
/// then leaves the file as it was): never a trap later (`Run_Id + 1` on a huge value) nor a truncation.
@Suite struct CorruptRecordFileTests {
    static let valid = """
        {
          "Cluster_Id" : "j-ABC", "Completed_Tasks" : [], "Continued_Failures" : [], "Correlation_Id" : "corr-1",
          "CurrentStep" : "model", "DataProduct" : "PDM", "Date" : "2026-11-21",
          "Lease_Expires_At" : "2027-01-15T08:05:00Z", "Owner" : { "host" : "h", "pid" : 9 }, "Run_Id" : 1,
          "S3_Prefix_Analytical_DataSet" : "data/x", "Snapshot_Type" : "full", "Started_At" : "2027-01-15T08:00:00Z",
          "Status" : "FAILED", "Updated_At" : "2027-01-15T08:01:00Z"
        }
        """

    /// (the text replaced in `valid`, its replacement, what the reason must mention)
    static let cases: [(String, String, String)] = [
        (#""Run_Id" : 1"#, #""Run_Id" : 1e20"#, "Run_Id"),
        (#""Run_Id" : 1"#, #""Run_Id" : 1.9"#, "Run_Id"),
        (#""Run_Id" : 1"#, #""Run_Id" : -1"#, "Run_Id"),
        (#""Run_Id" : 1"#, #""Run_Id" : 9223372036854775807"#, "Run_Id"),
        (#""Run_Id" : 1"#, #""Run_Id" : "1""#, "Run_Id"),
        (#""Run_Id" : 1"#, #""Run_Id" : NaN"#, "not valid JSON"),
        (#""Run_Id" : 1"#, #""Run_Id" : 1e400"#, "Run_Id"),
        (#""Run_Id" : 1"#, #""Run_Id" : null"#, "Run_Id"),
        (#""pid" : 9"#, #""pid" : 1e20"#, "pid"),
        (#""pid" : 9"#, #""pid" : 2.5"#, "pid"),
        (#""pid" : 9"#, #""pid" : -5"#, "pid"),
        (#""Started_At" : "2027-01-15T08:00:00Z""#, #""Started_At" : "yesterday""#, "Started_At"),
        (#""Started_At" : "2027-01-15T08:00:00Z""#, #""Started_At" : 1e300"#, "Started_At"),
        (#""Lease_Expires_At" : "2027-01-15T08:05:00Z""#, #""Lease_Expires_At" : "+275760-09-13T00:00:00Z""#, "Lease_Expires_At"),
        (#""Completed_Tasks" : []"#, #""Completed_Tasks" : "a.sql""#, "Completed_Tasks"),
        (#""Status" : "FAILED""#, #""Status" : "RUNNING""#, "Status"),
    ]

    @Test func theValidFileReads() async throws {
        let (store, _) = try Self.store(with: Self.valid)
        let record = try #require(try await store.read(key))
        #expect(record.runID == 1)
        #expect(record.owner == RunOwner(host: "h", pid: 9))
    }

    @Test(arguments: Self.cases) func anUnreadableValueIsACorruptRecord(original: String, replacement: String, mention: String) async throws {
        let text = Self.valid.replacingOccurrences(of: original, with: replacement)
        #expect(text != Self.valid)
        let (store, url) = try Self.store(with: text)
        for attempt in ["read", "begin"] {
            do throws(StateError) {
                if attempt == "read" { _ = try await store.read(key) } else { _ = try await store.begin(request(force: true)) }
                Issue.record("\(attempt) accepted \(replacement)")
            } catch {
                guard case .corruptRecord(let path, let reason) = error else { Issue.record("\(attempt): \(error)"); continue }
                #expect(path == url.path)
                #expect(reason.contains(mention), "\(reason)")
                #expect(!error.description.contains("\n"))
            }
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == text)  // never overwritten
    }

    static func store(with text: String) throws -> (LocalFileStateStore, URL) {
        let store = LocalFileStateStore(directory: try temporaryFolder())
        let url = store.recordURL(for: key)
        try Data(text.utf8).write(to: url)
        return (store, url)
    }
}
