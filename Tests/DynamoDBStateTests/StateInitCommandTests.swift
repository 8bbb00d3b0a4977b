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

    /// The binary beside the test bundle (both are built by `swift build --build-tests`).
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pdm-pipeline")
    }

    static func run(_ arguments: [String], secret: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = [
            "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_ACCESS_KEY_ID": try #require(LiveServer.value("PDM_TEST_MOTO_ACCESS_KEY_ID")),
            "AWS_SECRET_ACCESS_KEY": try secret ?? #require(LiveServer.value("PDM_TEST_MOTO_SECRET_ACCESS_KEY")),
        ]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    @Test func createsTheTableThenFindsItAgain() throws {
        let url = try #require(LiveServer.value("PDM_TEST_MOTO_URL"))
        let table = "cli-\(UUID().uuidString.prefix(8).lowercased())"
        let arguments = ["state", "init", "--state-table", table, "--aws-endpoint", url, "--aws-region", "us-east-1", "--ttl-days", "3"]
        #expect(
            try Self.run(arguments)
                == Result(
                    status: 0,
                    stdout: "state table \(table) at \(url): created; TTL enabled on TimeToExist (records expire 3 days after their last write)\n",
                    stderr: ""))
        #expect(try Self.run(arguments).stdout.contains(": already existed; TTL enabled on TimeToExist"))
    }

    @Test func aWrongSecretExits5WithTheAWSErrorAndNoSecret() throws {
        let url = try #require(LiveServer.value("PDM_TEST_MOTO_URL"))
        let result = try Self.run(["state", "init", "--aws-endpoint", url, "--aws-region", "us-east-1"], secret: "wrong-secret-value")
        #expect(result.status == 5)
        #expect(result.stderr.hasPrefix("error: DescribeTable at \(url): SignatureDoesNotMatch (HTTP 403): "))
        #expect(!result.stderr.contains("wrong-secret-value"))
    }

    @Test func badConfigurationExits2() throws {
        #expect(
            try Self.run(["state", "init", "--aws-endpoint", "localhost:8000"])
                == Result(
                    status: 2, stdout: "",
                    stderr: "error: invalid AWS endpoint 'localhost:8000': expected http://host[:port] or https://host[:port]\n"))
        #expect(
            try Self.run(["state", "init"])
                == Result(
                    status: 2, stdout: "",
                    stderr: "error: no AWS region: set AWS_REGION or AWS_DEFAULT_REGION, or region in the shared config file\n"))
    }
}
