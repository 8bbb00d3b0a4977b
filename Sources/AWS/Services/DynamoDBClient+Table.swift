/// Table management for `pdm-pipeline state init`.
extension DynamoDBClient {
    public enum KeyType: String, Sendable { case hash = "HASH", range = "RANGE" }

    public struct KeyAttribute: Sendable, Equatable {
        public var name: String
        public var keyType: KeyType
        /// `S`, `N` or `B`.
        public var attributeType: String

        public init(name: String, keyType: KeyType, attributeType: String = "S") {
            self.name = name
            self.keyType = keyType
            self.attributeType = attributeType
        }
    }

    /// Creates an on-demand (PAY_PER_REQUEST) table. Throws `ResourceInUseException` when it exists.
    public func createTable(name: String, key: [KeyAttribute]) async throws {
        struct Definition: Encodable { let AttributeName: String; let AttributeType: String }
        struct Element: Encodable { let AttributeName: String; let KeyType: String }
        struct Input: Encodable {
            let TableName: String
            let AttributeDefinitions: [Definition]
            let KeySchema: [Element]
            let BillingMode = "PAY_PER_REQUEST"
        }
        let input = Input(
            TableName: name,
            AttributeDefinitions: key.map { Definition(AttributeName: $0.name, AttributeType: $0.attributeType) },
            KeySchema: key.map { Element(AttributeName: $0.name, KeyType: $0.keyType.rawValue) })
        _ = try await call("CreateTable", input, as: EmptyOutput.self)
    }

    /// `ACTIVE`, `CREATING`...; `nil` when the table does not exist.
    public func tableStatus(name: String) async throws -> String? {
        struct Input: Encodable { let TableName: String }
        struct Table: Decodable { let TableStatus: String? }
        struct Output: Decodable { let Table: Table? }
        do {
            return try await call("DescribeTable", Input(TableName: name), as: Output.self).Table?.TableStatus
        } catch let error as AWSError where error.serviceCode == "ResourceNotFoundException" {
            return nil
        }
    }

    /// Turns on TTL expiry on `attribute` (epoch seconds).
    public func updateTimeToLive(table: String, attribute: String, enabled: Bool = true) async throws {
        struct Specification: Encodable { let AttributeName: String; let Enabled: Bool }
        struct Input: Encodable { let TableName: String; let TimeToLiveSpecification: Specification }
        let input = Input(TableName: table, TimeToLiveSpecification: Specification(AttributeName: attribute, Enabled: enabled))
        _ = try await call("UpdateTimeToLive", input, as: EmptyOutput.self)
    }

    /// The TTL attribute when TTL is enabled.
    public func timeToLiveAttribute(table: String) async throws -> String? {
        struct Input: Encodable { let TableName: String }
        struct Description: Decodable { let TimeToLiveStatus: String?; let AttributeName: String? }
        struct Output: Decodable { let TimeToLiveDescription: Description? }
        let description = try await call("DescribeTimeToLive", Input(TableName: table), as: Output.self).TimeToLiveDescription
        return description?.TimeToLiveStatus == "ENABLED" ? description?.AttributeName : nil
    }
}
