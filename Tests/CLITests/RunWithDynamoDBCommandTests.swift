import Foundation
import TestSupport
import Testing

/// `pdm-pipeline state init`, `run --state dynamodb` and `status --state dynamodb`, the built binary with the
/// stub engine, against moto in auth mode (endpoint and credentials from the environment, as on EMR).
@Suite(.enabled(if: LiveServer.available("PDM_TEST_MOTO_URL"), "moto_server not running: run scripts/test"))
struct RunWithDynamoDBCommandTests {
    static let pipeline = """
        pipeline "e2e"
        product "PDM"
        sql "sql"

        param correlation_id

        step first { file "a.sql" }
        step second { file "b.sql" }
        step third { file "c.sql" }
        """

    @Test func aFailedRunResumesWithRunIdTwoAndStatusReadsDynamoDB() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-cli-ddb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("sql"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.pipeline.write(to: directory.appendingPathComponent("e2e.pipe"), atomically: true, encoding: .utf8)
        for name in ["a", "b", "c"] {
            try "select 1;\n".write(to: directory.appendingPathComponent("sql/\(name).sql"), atomically: true, encoding: .utf8)
        }
        let environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": "/nonexistent",
            "AWS_ACCESS_KEY_ID": try #require(LiveServer.value("PDM_TEST_MOTO_ACCESS_KEY_ID")),
            "AWS_SECRET_ACCESS_KEY": try #require(LiveServer.value("PDM_TEST_MOTO_SECRET_ACCESS_KEY")),
            "AWS_REGION": LiveServer.value("PDM_TEST_MOTO_REGION") ?? "us-east-1",
            "AWS_ENDPOINT_URL": try #require(LiveServer.value("PDM_TEST_MOTO_URL")), "AWS_EC2_METADATA_DISABLED": "true",
        ]
        let binary = Command.product("pdm-pipeline")
        let table = "cli-run-\(UUID().uuidString.prefix(8).lowercased())"
        let stub = LiveServer.repositoryRoot.appendingPathComponent("Tests/Fixtures/bin/stub-engine").path
        let run = [
            "run", "e2e.pipe", "--correlation-id", "cli-1", "--hive-command", stub, "--state", "dynamodb", "--state-table", table,
            "--log-dir", directory.appendingPathComponent("logs").path,
        ]
        let status = ["status", "--correlation-id", "cli-1", "--state", "dynamodb", "--state-table", table]
        func field(_ output: String, _ name: String) -> String? {
            output.split(separator: "\n").first { $0.hasPrefix(name + " ") }.map {
                $0.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
            }
        }

        #expect(try await Command.run(binary, ["state", "init", "--state-table", table], environment: environment).status == 0)

        let failed = try await Command.run(binary, run, directory: directory.path, environment: environment.merging(["STUB_FAIL": "b.sql"]) { $1 })
        #expect(failed.status == 1)
        var shown = try await Command.run(binary, status, environment: environment)
        #expect(shown.status == 0)
        #expect(field(shown.stdout, "Run_Id") == "1")
        #expect(field(shown.stdout, "Status") == "FAILED")
        #expect(field(shown.stdout, "CurrentStep") == "second")

        let resumed = try await Command.run(binary, run, directory: directory.path, environment: environment)
        #expect(resumed.status == 0)
        #expect(resumed.stdout.contains("first   skipped     completed in run 1") || resumed.stderr.contains("first   skipped     completed in run 1"))
        shown = try await Command.run(binary, status, environment: environment)
        #expect(field(shown.stdout, "Run_Id") == "2")
        #expect(field(shown.stdout, "Status") == "COMPLETED")
        #expect(field(shown.stdout, "CurrentStep") == "third")

        let refused = try await Command.run(binary, run, directory: directory.path, environment: environment)
        #expect(refused.status == 3)
    }
}
