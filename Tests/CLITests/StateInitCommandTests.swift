import Foundation
import TestSupport
import Testing

/// `pdm-pipeline state init`, the built binary, against moto in auth mode.
@Suite(.enabled(if: LiveServer.available("PDM_TEST_MOTO_URL"), "moto_server not running: run scripts/test"))
struct StateInitCommandTests {
    struct Result: Equatable {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ arguments: [String], secret: String? = nil) async throws -> Result {
        let environment = [
            "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_ACCESS_KEY_ID": try #require(LiveServer.value("PDM_TEST_MOTO_ACCESS_KEY_ID")),
            "AWS_SECRET_ACCESS_KEY": try secret ?? #require(LiveServer.value("PDM_TEST_MOTO_SECRET_ACCESS_KEY")),
        ]
        let result = try await Command.run(Command.product("pdm-pipeline"), arguments, environment: environment)
        return Result(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    @Test func createsTheTableThenFindsItAgain() async throws {
        let url = try #require(LiveServer.value("PDM_TEST_MOTO_URL"))
        let table = "cli-\(UUID().uuidString.prefix(8).lowercased())"
        let arguments = ["state", "init", "--state-table", table, "--aws-endpoint", url, "--aws-region", "us-east-1", "--ttl-days", "3"]
        #expect(
            try await Self.run(arguments)
                == Result(
                    status: 0,
                    stdout: "state table \(table) at \(url): created; TTL enabled on TimeToExist (records expire 3 days after their last write)\n",
                    stderr: ""))
        #expect(try await Self.run(arguments).stdout.contains(": already existed; TTL enabled on TimeToExist"))
    }

    @Test func aWrongSecretExits5WithTheAWSErrorAndNoSecret() async throws {
        let url = try #require(LiveServer.value("PDM_TEST_MOTO_URL"))
        let result = try await Self.run(["state", "init", "--aws-endpoint", url, "--aws-region", "us-east-1"], secret: "wrong-secret-value")
        #expect(result.status == 5)
        #expect(result.stderr.hasPrefix("error: DescribeTable at \(url): SignatureDoesNotMatch (HTTP 403): "))
        #expect(!result.stderr.contains("wrong-secret-value"))
    }

    @Test func badConfigurationExits2() async throws {
        #expect(
            try await Self.run(["state", "init", "--aws-endpoint", "localhost:8000"])
                == Result(
                    status: 2, stdout: "",
                    stderr: "error: invalid AWS endpoint 'localhost:8000': expected http://host[:port] or https://host[:port]\n"))
        #expect(
            try await Self.run(["state", "init"])
                == Result(
                    status: 2, stdout: "",
                    stderr: "error: no AWS region: pass --aws-region, set AWS_REGION or AWS_DEFAULT_REGION, or region in the shared config file (instance metadata: disabled by AWS_EC2_METADATA_DISABLED)\n"))
    }
}
