import Foundation
import Testing
@testable import PipelineState

/// `runs` on the local store and the listing's text: newest first, other products left out, a corrupt file apart.
@Suite struct LocalRunListingTests {
    func begin(_ store: LocalFileStateStore, _ id: String, product: String = "PDM", at now: Date) async throws -> RunHandle {
        var r = request(now: now)
        r.key = RunKey(correlationID: id, product: product)
        return try await store.begin(r).handle
    }

    @Test func newestFirstAndOnlyTheProduct() async throws {
        let store = LocalFileStateStore(directory: try temporaryFolder())
        _ = try await begin(store, "old", at: t0)
        let failed = try await begin(store, "new", at: t0 + 3600)
        try await store.finish(failed, status: .failed, reason: "x", at: t0 + 3600 + 75)
        _ = try await begin(store, "elsewhere", product: "OTHER", at: t0 + 7200)
        let listing = try await store.list(product: "PDM")
        #expect(listing.records.map(\.correlationID) == ["new", "old"])
        #expect(listing.unreadable.isEmpty)

        let lines = listing.text(now: t0 + 3600 + 600).split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("CORRELATION_ID  RUN_ID  STATUS       CURRENT_STEP  STARTED (UTC)        DURATION"))
        #expect(lines[1] == "new             1       FAILED       -             2027-01-15T09:00:00  1m15s")
        // Still IN_PROGRESS: its time so far against `now`.
        #expect(lines[2] == "old             1       IN_PROGRESS  -             2027-01-15T08:00:00  1h10m0s so far")
        let json = try JSONSerialization.jsonObject(with: Data(try listing.json().utf8)) as? [[String: Any]]
        #expect(json?.map { $0["Correlation_Id"] as? String } == ["new", "old"])
    }

    @Test func aCorruptRecordIsReportedAndTheOthersListed() async throws {
        let folder = try temporaryFolder()
        let store = LocalFileStateStore(directory: folder)
        _ = try await begin(store, "good", at: t0)
        try Data("{\"Run_Id\": 1.9}".utf8).write(to: folder.appendingPathComponent("bad__PDM.json"))
        let listing = try await store.list(product: "PDM")
        #expect(listing.records.map(\.correlationID) == ["good"])
        #expect(listing.unreadable.count == 1)
        #expect("\(listing.unreadable[0])".contains("bad__PDM.json"))
    }

    @Test func noFolderIsNoRuns() async throws {
        let store = LocalFileStateStore(directory: URL(fileURLWithPath: "/nonexistent/pdm-state"))
        #expect(try await store.list(product: "PDM").records.isEmpty)
        #expect(try RunListing(records: []).json() == "[]")
    }
}
