import Foundation
import Testing
import TestSupport

/// `pdm-pipeline run` checks the metastore before its first step: a failing preflight runs nothing.
@Suite(.enabled(if: LiveMariaDB.enabled, LiveMariaDB.reason))
struct RunPreflightCommandTests {
    /// A one-step pipeline whose step leaves a marker file, with a metastore block for `database`.
    func pipeline(in directory: URL, server: LiveMariaDB, database: String) throws -> (pipe: String, marker: String) {
        let (_, password) = try LiveMariaDB.credential("WRITER")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("sql"), withIntermediateDirectories: true)
        try (password.reveal + "\n").write(to: directory.appendingPathComponent("pw"), atomically: true, encoding: .utf8)
        let marker = directory.appendingPathComponent("ran").path
        let text = """
            pipeline "t"
            product "T"
            sql "sql"
            param correlation_id
            metastore {
              host "\(server.host)"
              port \(server.port)
              database "\(database)"
              user "pdm_writer"
              password_file "\(directory.path)/pw"
            }
            step touch {
              command "touch" "\(marker)"
            }
            """
        let pipe = directory.appendingPathComponent("t.pipe").path
        try text.write(toFile: pipe, atomically: true, encoding: .utf8)
        return (pipe, marker)
    }

    func run(_ pipe: String, in directory: URL, _ extra: [String] = [], correlationID: String = "c-\(UUID().uuidString.prefix(8))") async throws -> PreflightCommandTests.Output {
        try await PreflightCommandTests.execute(
            ["run", pipe, "--correlation-id", correlationID, "--state-dir", directory.appendingPathComponent("state").path,
             "--log-dir", directory.appendingPathComponent("logs").path] + extra)
    }

    @Test func failingPreflightStopsTheRunBeforeAnyStep() async throws {
        let server = try LiveMariaDB()
        try await server.withDatabase(fixture: "hive-2.3") { database in
            let directory = try PreflightCommandTests.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let (pipe, marker) = try pipeline(in: directory, server: server, database: database)

            let output = try await run(pipe, in: directory, correlationID: "c-hive2")
            #expect(output.status == 7)
            #expect(output.stderr.contains("3   version      fail    schema version 2.3.0: a Hive 2 schema that a Hive 3 cluster must not use\n"))
            #expect(output.stderr.contains(
                "error: metastore preflight: version: schema version 2.3.0: a Hive 2 schema that a Hive 3 cluster must not use"))
            #expect(!FileManager.default.fileExists(atPath: marker))
            // The state store records why: FAILED, with the preflight's reason, before any step.
            let status = try await PreflightCommandTests.execute(
                ["status", "--correlation-id", "c-hive2", "--product", "T", "--format", "json", "--state-dir", directory.appendingPathComponent("state").path])
            #expect(status.status == 0)
            let record = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
            #expect(record["Status"] as? String == "FAILED")
            #expect((record["Failure_Reason"] as? String)?.contains("a Hive 2 schema that a Hive 3 cluster must not use") == true)
        }
    }

    @Test func passingPreflightLetsTheRunGoOn() async throws {
        let server = try LiveMariaDB()
        try await server.withDatabase(fixture: "hive-3.1") { database in
            let directory = try PreflightCommandTests.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let (pipe, marker) = try pipeline(in: directory, server: server, database: database)

            let output = try await run(pipe, in: directory)
            #expect(output.status == 0)
            #expect(output.stderr.contains("Result: PASSED\n"))
            #expect(FileManager.default.fileExists(atPath: marker))
        }
    }

    @Test func skipPreflightIsLogged() async throws {
        let server = try LiveMariaDB()
        let directory = try PreflightCommandTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // An empty database would fail the preflight; skipped, the step runs.
        let (pipe, marker) = try pipeline(in: directory, server: server, database: "pdm_fx_tls")

        let output = try await run(pipe, in: directory, ["--skip-preflight"])
        #expect(output.status == 0)
        #expect(output.stderr.hasPrefix("metastore preflight: skipped (--skip-preflight)\n"))
        #expect(FileManager.default.fileExists(atPath: marker))
    }
}
