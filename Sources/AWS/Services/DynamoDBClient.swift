/// The DynamoDB calls the state store and `state init` need (JSON protocol 1.0, `DynamoDB_20120810`).
public struct DynamoDBClient: Sendable {
    public let client: AWSServiceClient

    public init(configuration: AWSConfiguration) {
        client = AWSServiceClient(service: "dynamodb", configuration: configuration)
    }

    /// A condition or update expression with its placeholders (`#name` → attribute, `:value` → value).
    public struct Expression: Sendable, Equatable {
        public var expression: String
        public var names: [String: String]
        public var values: DynamoDBItem

        public init(_ expression: String, names: [String: String] = [:], values: DynamoDBItem = [:]) {
            self.expression = expression
            self.names = names
            self.values = values
        }
    }

    /// The item, read strongly consistent by default (a stale read would defeat the conditional writes).
    public func getItem(table: String, key: DynamoDBItem, consistentRead: Bool = true) async throws -> DynamoDBItem? {
        struct Input: Encodable { let TableName: String; let Key: DynamoDBItem; let ConsistentRead: Bool }
        struct Output: Decodable { let Item: DynamoDBItem? }
        let input = Input(TableName: table, Key: key, ConsistentRead: consistentRead)
        return try await call("GetItem", input, as: Output.self).Item
    }

    /// Writes the whole item; with a condition, a failed check throws `ConditionalCheckFailedException`.
    public func putItem(table: String, item: DynamoDBItem, condition: Expression? = nil) async throws {
        struct Input: Encodable {
            let TableName: String
            let Item: DynamoDBItem
            let ConditionExpression: String?
            let ExpressionAttributeNames: [String: String]?
            let ExpressionAttributeValues: DynamoDBItem?
        }
        let input = Input(
            TableName: table, Item: item, ConditionExpression: condition?.expression,
            ExpressionAttributeNames: Self.nonEmpty(condition?.names), ExpressionAttributeValues: Self.nonEmpty(condition?.values))
        _ = try await call("PutItem", input, as: EmptyOutput.self)
    }

    /// Applies `update` (its names and values merged with the condition's) and returns the new item.
    public func updateItem(table: String, key: DynamoDBItem, update: Expression, condition: Expression? = nil) async throws -> DynamoDBItem {
        struct Input: Encodable {
            let TableName: String
            let Key: DynamoDBItem
            let UpdateExpression: String
            let ConditionExpression: String?
            let ExpressionAttributeNames: [String: String]?
            let ExpressionAttributeValues: DynamoDBItem?
            let ReturnValues = "ALL_NEW"
        }
        struct Output: Decodable { let Attributes: DynamoDBItem? }
        let names = update.names.merging(condition?.names ?? [:]) { first, _ in first }
        let values = update.values.merging(condition?.values ?? [:]) { first, _ in first }
        let input = Input(
            TableName: table, Key: key, UpdateExpression: update.expression, ConditionExpression: condition?.expression,
            ExpressionAttributeNames: Self.nonEmpty(names), ExpressionAttributeValues: Self.nonEmpty(values))
        return try await call("UpdateItem", input, as: Output.self).Attributes ?? [:]
    }

    func call<Output: Decodable>(_ operation: String, _ input: some Encodable, as: Output.Type) async throws -> Output {
        try await client.json(operation, targetPrefix: "DynamoDB_20120810", jsonVersion: "1.0", body: input, as: Output.self)
    }

    static func nonEmpty<C: Collection>(_ collection: C?) -> C? { collection?.isEmpty == false ? collection : nil }
}
