/// Scan, for listings that have no key to query by (the table's key is Correlation_Id + DataProduct).
extension DynamoDBClient {
    /// One page of a scan: its items and the key to continue from (nil on the last page).
    public struct ScanPage: Sendable {
        public var items: [DynamoDBItem]
        public var lastEvaluatedKey: DynamoDBItem?
    }

    /// A strongly consistent page of items matching `filter` (a filter is applied after the read: a page may hold
    /// fewer items than it read, even none, and still not be the last).
    public func scan(table: String, filter: Expression?, startKey: DynamoDBItem?, limit: Int? = nil) async throws -> ScanPage {
        struct Input: Encodable {
            let TableName: String
            let FilterExpression: String?
            let ExpressionAttributeNames: [String: String]?
            let ExpressionAttributeValues: DynamoDBItem?
            let ExclusiveStartKey: DynamoDBItem?
            let Limit: Int?
            let ConsistentRead = true
        }
        struct Output: Decodable { let Items: [DynamoDBItem]?; let LastEvaluatedKey: DynamoDBItem? }
        let input = Input(
            TableName: table, FilterExpression: filter?.expression, ExpressionAttributeNames: Self.nonEmpty(filter?.names),
            ExpressionAttributeValues: Self.nonEmpty(filter?.values), ExclusiveStartKey: startKey, Limit: limit)
        let output = try await call("Scan", input, as: Output.self)
        return ScanPage(items: output.Items ?? [], lastEvaluatedKey: output.LastEvaluatedKey)
    }

    /// Every item matching `filter`, page after page (`pageSize`: items read per page; nil: up to 1 MB).
    public func scanAll(table: String, filter: Expression?, pageSize: Int? = nil) async throws -> [DynamoDBItem] {
        var items: [DynamoDBItem] = []
        var startKey: DynamoDBItem?
        repeat {
            let page = try await scan(table: table, filter: filter, startKey: startKey, limit: pageSize)
            items += page.items
            startKey = page.lastEvaluatedKey
        } while startKey != nil
        return items
    }
}
