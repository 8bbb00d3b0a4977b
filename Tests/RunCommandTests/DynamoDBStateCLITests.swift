import AWS
import DynamoDBState
import Foundation
import Testing
import TestSupport

/// `run` and `status` with `--state dynamodb`, against moto_server (scripts/services/moto).
@Suite struct DynamoDBStateCLITests {
    @Test(.enabled(if: LiveServer.available("PDM_TEST_MOTO_URL"), "moto_server not running: run scripts/test"))
    func runFailResumeAndStatusThroughDynamoDB() async throws {
        let url = try #require(LiveServer.value("PDM_TEST_MOTO_URL"))
        let key = try #require(LiveServer.value("PDM_TEST_MOTO_ACCESS_KEY_ID"))
        let secret = try #require(LiveServer.value("PDM_TEST_MOTO_SECRET_ACCESS_KEY"))
        let region = LiveServer.value("PDM_TEST_MOTO_REGION") ?? "us-east-1"
        let table = "cli-\(UUID().uuidString.prefix(8).lowercased())"
        let configuration = AWSConfiguration(
            region: region, endpoint: try AWSEndpoint(url: url),
            credentials: StaticCredentialProvider(AWSCredentials(accessKeyId: key, secretAccessKey: secret)),
            retry: AWSRetryPolicy(maxAttempts: 3, baseDelay: 0.01))
        #expect(try await StateTable(client: DynamoDBClient(configuration: configuration), name: table).initialize() == .created)

        let cli = try CLI()
        let environment = [
            "AWS_ENDPOINT_URL": url, "AWS_REGION": region, "AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret,
        ]
        let state = ["--state", "dynamodb", "--state-table", table]
        let failed = try await cli.run(cli.runArguments(state, correlationID: "d1"), environment: environment.merging(["STUB_FAIL": "c.2"]) { $1 })
        #expect(failed.status == 1, "\(failed.stderr)")
        let status = try await cli.run(["status", "--correlation-id", "d1"] + state, environment: environment)
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("Run_Id                        1\nStatus                        FAILED\nCurrentStep                   model\n"))

        let resumed = try await cli.run(cli.runArguments(state, correlationID: "d1"), environment: environment)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("run d1/PDM Run_Id 2: COMPLETED"))
        let json = try await cli.run(["status", "--correlation-id", "d1", "--format", "json"] + state, environment: environment)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["Status"] as? String == "COMPLETED")
        #expect(object["Run_Id"] as? Int == 2)
        #expect(object["CurrentStep"] as? String == "hang")  // the work's last step, not the trailing always flush

        let none = try await cli.run(["status", "--correlation-id", "nope"] + state, environment: environment)
        #expect(none.status == 1)
        #expect(none.stderr == "error: no run recorded for nope/PDM in the DynamoDB table \(table)\n")
    }
}
