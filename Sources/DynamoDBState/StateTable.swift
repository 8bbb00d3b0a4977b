import AWS
import Foundation

/// Creates the state table for a new environment (`pdm-pipeline state init`): key `Correlation_Id` (S, hash) +
/// `DataProduct` (S, range), on-demand billing, TTL on `TimeToExist`. Idempotent: an existing table or an
/// already enabled TTL is fine.
public struct StateTable: Sendable {
    public let client: DynamoDBClient
    public let name: String
    /// Polls DescribeTable until ACTIVE, at most this many times, this far apart (real DynamoDB takes seconds).
    public var pollAttempts = 60
    public var pollInterval: Duration = .seconds(1)

    public static let timeToLiveAttribute = "TimeToExist"

    public init(client: DynamoDBClient, name: String) {
        self.client = client
        self.name = name
    }

    public enum Outcome: Equatable, Sendable {
        case created, alreadyExisted
    }

    public func initialize() async throws -> Outcome {
        let outcome: Outcome
        if try await client.tableStatus(name: name) != nil {
            outcome = .alreadyExisted
        } else {
            do {
                try await client.createTable(
                    name: name, key: [.init(name: "Correlation_Id", keyType: .hash), .init(name: "DataProduct", keyType: .range)])
                outcome = .created
            } catch let error as AWSError where error.serviceCode == "ResourceInUseException" {
                outcome = .alreadyExisted  // created concurrently
            }
        }
        var attempts = 0
        while try await client.tableStatus(name: name) != "ACTIVE" {
            attempts += 1
            guard attempts < pollAttempts else {
                throw AWSError.invalidResponse(
                    operation: "DescribeTable \(name)", endpoint: client.client.endpoint.description,
                    reason: "table not ACTIVE after \(attempts) checks")
            }
            try await Task.sleep(for: pollInterval)
        }
        if try await client.timeToLiveAttribute(table: name) != Self.timeToLiveAttribute {
            try await client.updateTimeToLive(table: name, attribute: Self.timeToLiveAttribute)
        }
        return outcome
    }
}
