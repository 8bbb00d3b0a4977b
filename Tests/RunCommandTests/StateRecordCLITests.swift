import AWS
import DynamoDBState
import Foundation
import TestSupport
import Testing

/// The built binary over both stores: a forced run that fails before its first step is followed by a run
/// from the first step; an unreadable record is exit 5 with one line for `status` and `run`, never a crash.
@Suite struct StateRecordCLITests {
    enum Kind: String, CaseIterable { case local, dynamodb }
    static var kinds: [Kind] { LiveServer.available("PDM_TEST_MOTO_URL") ? Kind.allCases : [.local] }

    /// The `--state` flags and environment of `kind`; for DynamoDB a fresh table on moto.
    static func state(_ kind: Kind, _ cli: CLI) async throws -> (flags: [String], environment: [String: String], dynamo: DynamoDBClient?, table: String) {
        switch kind {
        case .local:
            return (["--state-dir", cli.folder.appendingPathComponent("states").path], [:], nil, "")
        case .dynamodb:
            let url = try #require(LiveServer.value("PDM_TEST_MOTO_URL"))
            let key = try #require(LiveServer.value("PDM_TEST_MOTO_ACCESS_KEY_ID"))
            let secret = try #require(LiveServer.value("PDM_TEST_MOTO_SECRET_ACCESS_KEY"))
            let region = LiveServer.value("PDM_TEST_MOTO_REGION") ?? "us-east-1"
            let table = "cli-state-\(UUID().uuidString.prefix(8).lowercased())"
            let dynamo = DynamoDBClient(configuration: AWSConfiguration(
                region: region, endpoint: try AWSEndpoint(url: url),
                credentials: StaticCredentialProvider(AWSCredentials(accessKeyId: key, secretAccessKey: secret))))
            #expect(try await StateTable(client: dynamo, name: table).initialize() == .created)
            let environment = [
                "AWS_ENDPOINT_URL": url, "AWS_REGION": region, "AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret,
                "AWS_EC2_METADATA_DISABLED": "true",
            ]
            return (["--state", "dynamodb", "--state-table", table, "--state-retry-seconds", "2"], environment, dynamo, table)
        }
    }

    @Test(arguments: StateRecordCLITests.kinds) func aForcedRunFailingBeforeItsFirstStepIsFollowedByAFullRun(kind: Kind) async throws {
        let cli = try CLI()
        let (flags, environment, _, _) = try await Self.state(kind, cli)
        let first = try await cli.run(cli.runArguments(flags, correlationID: "f1"), environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        // --force with a log folder that cannot exist: begun (Run_Id 2), then FAILED before its first step.
        let blocker = cli.folder.appendingPathComponent("not-a-folder")
        try Data().write(to: blocker)
        let forced = try await cli.run(
            cli.runArguments(flags, correlationID: "f1") + ["--force", "--log-dir", blocker.appendingPathComponent("logs").path],
            environment: environment)
        #expect(forced.status == 2, "\(forced.stderr)")
        try? FileManager.default.removeItem(at: cli.record)

        let third = try await cli.run(cli.runArguments(flags, correlationID: "f1"), environment: environment)
        #expect(third.status == 0, "\(third.stderr)")
        #expect(!(third.stdout + third.stderr).contains("completed in run"), "\(third.stdout)")
        let started = try cli.started()
        #expect(started.contains("create/create.sql"), "the first step did not run again: \(started)")
        let status = try await cli.run(["status", "--correlation-id", "f1", "--format", "json"] + flags, environment: environment)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect(object["Run_Id"] as? Int == 3)
        #expect(object["Status"] as? String == "COMPLETED")
    }

    @Test func theRetryBudgetIsValidated() async throws {
        let cli = try CLI()
        for value in ["-1", "3601", "nan"] {
            let result = try await cli.run(["status", "--correlation-id", "x", "--state-retry-seconds=\(value)"])
            #expect(result.status == 64, "\(value): \(result.stderr)")
            #expect(result.stderr.contains("--state-retry-seconds takes 0...3600 seconds"), "\(value): \(result.stderr)")
        }
    }

    @Test(.enabled(if: LiveServer.available("PDM_TEST_MOTO_URL"), "moto_server not running: run scripts/test"),
          arguments: ["1e20", "1.9", "-4", "99999999999"])
    func aCorruptRunIdInDynamoDBIsExitFiveWithOneLine(value: String) async throws {
        let cli = try CLI()
        let (flags, environment, dynamo, table) = try await Self.state(.dynamodb, cli)
        let item: DynamoDBItem = [
            "Correlation_Id": .s("bad"), "DataProduct": .s("PDM"), "Run_Id": .n(value), "Status": .s("FAILED"),
            "CurrentStep": .s("model"),
        ]
        try await #require(dynamo).putItem(table: table, item: item)  // (NaN is refused by DynamoDB and moto)
        for arguments in [["status", "--correlation-id", "bad"] + flags, cli.runArguments(flags, correlationID: "bad")] {
            let result = try await cli.run(arguments, environment: environment)
            #expect(result.status == 5, "\(arguments[0]): \(result.stderr)")
            let lines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }
            #expect(lines.count == 1, "\(result.stderr)")
            #expect(lines.first?.hasPrefix("error: bad/PDM in DynamoDB table \(table): corrupt state record: Run_Id") == true, "\(result.stderr)")
        }
    }

    @Test(arguments: ["1e20", "1.9", "-4", "9223372036854775807"]) func aCorruptRunIdInARecordFileIsExitFiveWithOneLine(value: String) async throws {
        let cli = try CLI()
        let folder = cli.folder.appendingPathComponent("states")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let text = """
            {"Cluster_Id":"local","Completed_Tasks":[],"Continued_Failures":[],"Correlation_Id":"bad","CurrentStep":"model",\
            "DataProduct":"PDM","Date":"2026-11-21","Owner":{"host":"h","pid":9},"Run_Id":\(value),\
            "S3_Prefix_Analytical_DataSet":"p","Snapshot_Type":"full","Started_At":"2027-01-15T08:00:00Z","Status":"FAILED",\
            "Updated_At":"2027-01-15T08:00:00Z"}
            """
        try Data(text.utf8).write(to: folder.appendingPathComponent("bad__PDM.json"))
        for arguments in [["status", "--correlation-id", "bad", "--state-dir", folder.path], cli.runArguments(["--state-dir", folder.path], correlationID: "bad")] {
            let result = try await cli.run(arguments)
            #expect(result.status == 5, "\(arguments[0]): \(result.stderr)")
            let lines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }
            #expect(lines.count == 1, "\(result.stderr)")
            #expect(lines.first?.hasPrefix("error: \(folder.path)/bad__PDM.json: corrupt state record: ") == true, "\(result.stderr)")
        }
    }
}
