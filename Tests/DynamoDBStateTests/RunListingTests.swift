import AWS
import DynamoDBState
import Foundation
import PipelineState
import TestSupport
import Testing

/// `runs` on DynamoDB: a paginated scan of moto, filtered on the product, newest first, corrupt items apart.
struct DynamoDBRunListingTests {
    @Test func scanCrossesPagesAndKeepsOnlyTheProduct() async throws {
        let fixture = try await MotoStateFixture()
        let store = fixture.store()
        for (index, id) in ["c-1", "c-2", "c-3", "c-4", "c-5"].enumerated() {
            _ = try await store.begin(fixture.request(id, now: MotoStateFixture.now + Double(index) * 60))
        }
        var other = fixture.request("c-9")
        other.key = RunKey(correlationID: "c-9", product: "OTHER")
        _ = try await store.begin(other)

        // 2 items per page: 6 items read over 3+ pages, the filter drops one.
        let listing = try await store.list(product: "PDM", pageSize: 2)
        #expect(listing.records.map(\.correlationID) == ["c-5", "c-4", "c-3", "c-2", "c-1"])
        #expect(listing.unreadable.isEmpty)
        #expect(try await store.list(product: "OTHER").records.map(\.correlationID) == ["c-9"])
        #expect(try await store.list(product: "NONE").records.isEmpty)
    }

    @Test func aCorruptItemIsReportedAndTheOthersListed() async throws {
        let fixture = try await MotoStateFixture()
        let store = fixture.store()
        _ = try await store.begin(fixture.request("good"))
        _ = try await fixture.dynamo.putItem(table: fixture.table, item: [
            "Correlation_Id": .s("bad"), "DataProduct": .s("PDM"), "Run_Id": .n("1.9"), "Status": .s("FAILED"),
        ])
        let listing = try await store.list(product: "PDM")
        #expect(listing.records.map(\.correlationID) == ["good"])
        #expect(listing.unreadable.count == 1)
        #expect("\(listing.unreadable[0])".contains("bad/PDM in DynamoDB table \(fixture.table)"))
    }

    @Test func anUnreachableTableIsOneError() async throws {
        let fixture = try await MotoStateFixture()
        let store = DynamoDBStateStore(client: fixture.dynamo, table: "no-such-table")
        await #expect(throws: StateError.self) { try await store.list(product: "PDM") }
    }
}
