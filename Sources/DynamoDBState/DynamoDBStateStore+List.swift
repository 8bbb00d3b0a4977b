import AWS
import PipelineState

extension DynamoDBStateStore: RunLister {
    /// A paginated, strongly consistent scan filtered on DataProduct (the table has no index by product; the
    /// original's items are few: one per correlation id and product, expiring with TimeToExist).
    public func list(product: String) async throws(StateError) -> RunListing {
        try await list(product: product, pageSize: nil)
    }

    /// `pageSize`: items read per Scan page (tests use a small one to cross pages).
    public func list(product: String, pageSize: Int?) async throws(StateError) -> RunListing {
        let items: [DynamoDBItem]
        do {
            items = try await dynamo.scanAll(
                table: table, filter: .init("#p = :p", names: ["#p": "DataProduct"], values: [":p": .s(product)]),
                pageSize: pageSize)
        } catch {
            throw .unavailable(what: "cannot scan", location: "DynamoDB table \(table)", reason: "\(error)")
        }
        var records: [RunRecord] = []
        var unreadable: [StateError] = []
        for item in items {
            let id = item["Correlation_Id"]?.stringValue ?? "?"
            do {
                records.append(try DynamoDBItemFormat.record(item, location: "\(id)/\(product) in DynamoDB table \(table)").record)
            } catch {
                unreadable.append(error)
            }
        }
        return RunListing(records: records, unreadable: unreadable)
    }
}
