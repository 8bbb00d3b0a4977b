import AWS
import DynamoDBState
import Foundation
import PipelineState
import TestSupport
import Testing

/// A fresh state table on moto (auth mode) per test, and helpers to build requests.
struct MotoStateFixture {
    let configuration: AWSConfiguration
    let table: String
    let url: String

    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let owner = RunOwner(host: "ip-10-0-0-1", pid: 4242)

    init() async throws {
        url = try #require(LiveServer.value("PDM_TEST_MOTO_URL"))
        let key = try #require(LiveServer.value("PDM_TEST_MOTO_ACCESS_KEY_ID"))
        let secret = try #require(LiveServer.value("PDM_TEST_MOTO_SECRET_ACCESS_KEY"))
        configuration = AWSConfiguration(
            region: LiveServer.value("PDM_TEST_MOTO_REGION") ?? "us-east-1", endpoint: try AWSEndpoint(url: url),
            credentials: StaticCredentialProvider(AWSCredentials(accessKeyId: key, secretAccessKey: secret)),
            retry: AWSRetryPolicy(maxAttempts: 3, baseDelay: 0.01))
        table = "state-\(UUID().uuidString.prefix(8).lowercased())"
        #expect(try await StateTable(client: dynamo, name: table).initialize() == .created)
    }

    var dynamo: DynamoDBClient { DynamoDBClient(configuration: configuration) }

    /// A store with its own client, as a separate runner would have.
    func store() -> DynamoDBStateStore {
        DynamoDBStateStore(client: DynamoDBClient(configuration: configuration), table: table)
    }

    func request(
        _ correlationID: String, owner: RunOwner = owner, now: Date = now, cluster: String = "j-1ABCDEF",
        force: Bool = false, takeover: Bool = false
    ) -> BeginRequest {
        BeginRequest(
            key: RunKey(correlationID: correlationID, product: "PDM"), date: "2026-11-21", clusterID: cluster,
            s3Prefix: "data/uc/2026-11-21", snapshotType: "full", owner: owner, now: now, leaseDuration: 300,
            policy: RunPolicy(force: force, takeover: takeover))
    }

    func rawItem(_ correlationID: String) async throws -> DynamoDBItem? {
        try await dynamo.getItem(table: table, key: ["Correlation_Id": .s(correlationID), "DataProduct": .s("PDM")])
    }
}
