import AWS
import Foundation
import TestSupport
import Testing

/// The clients against moto_server in auth mode (scripts/services/moto): every request is signature-checked.
@Suite(.enabled(if: LiveServer.available("PDM_TEST_MOTO_URL"), "moto_server not running: run scripts/test"))
struct MotoTests {
    static func configuration(secret: String? = nil) throws -> AWSConfiguration {
        let url = try #require(LiveServer.value("PDM_TEST_MOTO_URL"))
        let key = try #require(LiveServer.value("PDM_TEST_MOTO_ACCESS_KEY_ID"))
        let realSecret = try #require(LiveServer.value("PDM_TEST_MOTO_SECRET_ACCESS_KEY"))
        return AWSConfiguration(
            region: LiveServer.value("PDM_TEST_MOTO_REGION") ?? "us-east-1", endpoint: try AWSEndpoint(url: url),
            credentials: StaticCredentialProvider(AWSCredentials(accessKeyId: key, secretAccessKey: secret ?? realSecret)),
            retry: AWSRetryPolicy(maxAttempts: 2, baseDelay: 0.01))
    }

    static func unique(_ prefix: String) -> String { "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())" }

    @Test func aWrongSecretIsRejectedWithSignatureDoesNotMatch() async throws {
        let dynamo = DynamoDBClient(configuration: try Self.configuration(secret: "not-the-secret"))
        let error = await #expect(throws: AWSError.self) { try await dynamo.tableStatus(name: "anything") }
        guard case .service(let operation, _, let status, let code, _) = error else {
            Issue.record("expected a service error, got \(String(describing: error))")
            return
        }
        #expect(operation == "DescribeTable")
        #expect(status == 403)
        #expect(code == "SignatureDoesNotMatch")
        #expect(error?.description.contains("not-the-secret") == false)
    }

    @Test func s3AndSecretsManagerCheckSignaturesToo() async throws {
        let configuration = try Self.configuration(secret: "not-the-secret")
        let s3Error = await #expect(throws: AWSError.self) {
            try await S3Client(configuration: configuration).putObject(bucket: "b", key: "k", body: Data("x".utf8))
        }
        #expect(s3Error?.serviceCode == "SignatureDoesNotMatch")
        let secretsError = await #expect(throws: AWSError.self) {
            try await SecretsManagerClient(configuration: configuration).getSecretString(id: "s")
        }
        #expect(secretsError?.serviceCode == "SignatureDoesNotMatch")
    }

    @Test func dynamoDBTableItemsConditionsAndTTL() async throws {
        let dynamo = DynamoDBClient(configuration: try Self.configuration())
        let table = Self.unique("state")
        try await dynamo.createTable(
            name: table, key: [.init(name: "Correlation_Id", keyType: .hash), .init(name: "DataProduct", keyType: .range)])
        #expect(try await dynamo.tableStatus(name: table) == "ACTIVE")
        try await dynamo.updateTimeToLive(table: table, attribute: "TimeToExist")
        #expect(try await dynamo.timeToLiveAttribute(table: table) == "TimeToExist")

        let key: DynamoDBItem = ["Correlation_Id": .s("c1"), "DataProduct": .s("PDM")]
        #expect(try await dynamo.getItem(table: table, key: key) == nil)
        let item = key.merging(["Run_Id": .number(1), "Status": .s("IN_PROGRESS"), "Date": .s("2026-11-21")]) { $1 }
        let absent = DynamoDBClient.Expression("attribute_not_exists(Correlation_Id)")
        try await dynamo.putItem(table: table, item: item, condition: absent)
        #expect(try await dynamo.getItem(table: table, key: key) == item)

        let again = await #expect(throws: AWSError.self) { try await dynamo.putItem(table: table, item: item, condition: absent) }
        #expect(again?.isConditionalCheckFailed == true)

        let update = DynamoDBClient.Expression(
            "SET Run_Id = Run_Id + :one, #status = :running, #date = :date", names: ["#status": "Status", "#date": "Date"],
            values: [":one": .number(1), ":running": .s("IN_PROGRESS"), ":date": .s("2026-11-22")])
        let updated = try await dynamo.updateItem(
            table: table, key: key, update: update, condition: .init("Run_Id = :seen", values: [":seen": .number(1)]))
        #expect(updated["Run_Id"] == .n("2"))
        #expect(updated["Date"] == .s("2026-11-22"))

        let stale = await #expect(throws: AWSError.self) {
            try await dynamo.updateItem(table: table, key: key, update: update, condition: .init("Run_Id = :seen", values: [":seen": .number(1)]))
        }
        #expect(stale?.isConditionalCheckFailed == true)
        #expect(try await dynamo.getItem(table: table, key: key)?["Run_Id"] == .n("2"))
    }

    @Test func s3PutGetDelete() async throws {
        let s3 = S3Client(configuration: try Self.configuration())
        let bucket = Self.unique("pdm-bucket")
        try await s3.createBucket(bucket)
        let key = "metrics/pdm metrics+1.json"
        try await s3.putObject(bucket: bucket, key: key, body: Data(#"{"a":1}"#.utf8), contentType: "application/json")
        #expect(try await s3.getObject(bucket: bucket, key: key) == Data(#"{"a":1}"#.utf8))
        try await s3.deleteObject(bucket: bucket, key: key)
        let error = await #expect(throws: AWSError.self) { try await s3.getObject(bucket: bucket, key: key) }
        #expect(error?.serviceCode == "NoSuchKey")
        try await s3.deleteObject(bucket: bucket, key: key)  // deleting a missing key succeeds
    }

    @Test func secretsManagerSecretStringHoldsJSON() async throws {
        let secrets = SecretsManagerClient(configuration: try Self.configuration())
        let name = Self.unique("metastore")
        try await secrets.createSecret(name: name, secretString: #"{"username":"hive","password":"p4ss","port":3306}"#)
        struct Login: Decodable, Equatable { let username: String; let password: String; let port: Int }
        #expect(try await secrets.getSecretJSON(id: name, as: Login.self) == Login(username: "hive", password: "p4ss", port: 3306))
        let missing = await #expect(throws: AWSError.self) { try await secrets.getSecretString(id: Self.unique("missing")) }
        #expect(missing?.serviceCode == "ResourceNotFoundException")
    }
}
