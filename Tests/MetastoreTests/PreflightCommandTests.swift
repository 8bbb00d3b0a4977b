import Foundation
import Metastore
import Testing
import TestSupport

/// `pdm-pipeline preflight` as a process: full stdout and the exit code, against the live MariaDB.
@Suite(.enabled(if: LiveMariaDB.enabled, LiveMariaDB.reason))
struct PreflightCommandTests {
    struct Output {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// The built `pdm-pipeline`, next to the test bundle.
    static var binary: URL { URL(fileURLWithPath: Command.product("pdm-pipeline")) }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-preflight-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func preflight(_ arguments: [String], environment: [String: String] = [:]) async throws -> Output {
        try await Self.execute(["preflight"] + arguments, environment: environment)
    }

    static func execute(_ arguments: [String], environment: [String: String] = [:]) async throws -> Output {
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build pdm-pipeline first")
        // Only what the test gives: no PDM_METASTORE_* or AWS_* from the developer's shell.
        let result = try await Command.run(binary.path, arguments, environment: ["PATH": "/usr/bin:/bin"].merging(environment) { $1 })
        return Output(stdout: result.stdout, stderr: result.stderr, status: result.status)
    }

    func connectionFlags(_ server: LiveMariaDB, database: String, port: Int? = nil) -> [String] {
        ["--metastore-host", server.host, "--metastore-port", "\(port ?? server.port)", "--metastore-database", database,
         "--metastore-user", "pdm_writer"]
    }

    @Test func hive31PassesWithExactTable() async throws {
        let server = try LiveMariaDB()
        try await server.withDatabase(fixture: "hive-3.1") { database in
            let (_, password) = try LiveMariaDB.credential("WRITER")
            let version = try #require(try MariaDBConnection(server.config(database: database)).query("SELECT VERSION()").first?.first ?? nil)
            let output = try await preflight(connectionFlags(server, database: database), environment: ["PDM_METASTORE_PASSWORD": password.reveal])
            #expect(output.status == 0)
            #expect(output.stderr == "")
            #expect(output.stdout == """
                Metastore preflight: 127.0.0.1:\(server.port)/\(database) as pdm_writer, server \(version)
                Password from environment variable PDM_METASTORE_PASSWORD

                #   CHECK        RESULT  REASON
                1   connection   pass    connected to \(version) without TLS
                2   initialised  pass    45 tables in \(database)
                3   version      pass    schema version 3.1.0 (Hive 3.1)
                4   structure    pass    all 30 Hive 3 marker tables and columns for 3.1.0 are present
                5   privileges   pass    pdm_writer@% can SELECT, INSERT, UPDATE, DELETE on \(database)
                6a  catalog      pass    catalog hive at s3://pdm-warehouse/hive
                6b  databases    pass    the plan creates no databases

                Result: PASSED

                """)
            #expect(!output.stdout.contains(password.reveal))
        }
    }

    @Test func pipelineFileGivesSettingsAndPlannedDatabasesAsJSON() async throws {
        let server = try LiveMariaDB()
        try await server.withDatabase(fixture: "half-upgraded") { database in
            let (_, password) = try LiveMariaDB.credential("WRITER")
            let directory = try Self.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("sql"), withIntermediateDirectories: true)
            try (password.reveal + "\n").write(to: directory.appendingPathComponent("pw"), atomically: true, encoding: .utf8)
            try "CREATE DATABASE IF NOT EXISTS pdm_raw;\nCREATE DATABASE IF NOT EXISTS ${hivevar:curated};\n"
                .write(to: directory.appendingPathComponent("sql/create_db.sql"), atomically: true, encoding: .utf8)
            let pipeline = """
                pipeline "t"
                product "T"
                sql "sql"
                hivevar curated = "pdm_curated"
                metastore {
                  host "127.0.0.1"
                  port \(server.port)
                  database "\(database)"
                  user "pdm_writer"
                  password_file "\(directory.path)/pw"
                }
                step create_databases {
                  file "create_db.sql"
                }
                """
            let file = directory.appendingPathComponent("t.pipe")
            try pipeline.write(to: file, atomically: true, encoding: .utf8)
            let output = try await preflight([file.path, "--format", "json"])
            #expect(output.status == 1)
            let report = try JSONDecoder().decode(PreflightReport.self, from: Data(output.stdout.utf8))
            #expect(report.outcome == .failed)
            #expect(report.passwordSource == "password file \(directory.path)/pw")
            #expect(report.check(.version)?.status == .fail)
            #expect(report.existingDatabases == [ExistingDatabase(name: "pdm_raw", location: "s3://pdm-warehouse/pdm_raw.db")])
            #expect(report.check(.databases)?.reason
                == "1 of 2 planned databases exist: pdm_raw at s3://pdm-warehouse/pdm_raw.db; new: pdm_curated")
        }
    }

    @Test func wrongPasswordExitsFourWithoutPrintingIt() async throws {
        let server = try LiveMariaDB()
        let output = try await preflight(
            connectionFlags(server, database: "pdm_fx_tls"), environment: ["PDM_METASTORE_PASSWORD": "wrong-secret-value"])
        #expect(output.status == 4)
        #expect(output.stdout.contains(
            "1   connection  fail    access denied at 127.0.0.1:\(server.port)/pdm_fx_tls as pdm_writer (MySQL error 1045): "
                + "Access denied for user 'pdm_writer'@'127.0.0.1' (using password: YES)\n"))
        #expect(output.stdout.hasSuffix("Result: CANNOT CONNECT\n"))
        #expect(!(output.stdout + output.stderr).contains("wrong-secret-value"))
    }

    @Test func serverDownExitsFour() async throws {
        let server = try LiveMariaDB()
        let port = try LiveMariaDB.closedPort()
        let output = try await preflight(
            connectionFlags(server, database: "pdm_fx_tls", port: port) + ["--format", "json"],
            environment: ["PDM_METASTORE_PASSWORD": "x"])
        #expect(output.status == 4)
        let report = try JSONDecoder().decode(PreflightReport.self, from: Data(output.stdout.utf8))
        #expect(report.outcome == .cannotConnect)
        #expect(report.checks.map(\.id) == [.connection])
        #expect(report.checks[0].remedy
            == "check host and port, that the server runs, and that security groups let this machine in")
    }

    @Test func missingPasswordSourceExitsTwo() async throws {
        let server = try LiveMariaDB()
        let output = try await preflight(connectionFlags(server, database: "pdm_fx_tls"))
        #expect(output.status == 2)
        #expect(output.stdout == """
            Metastore preflight: (settings unusable)

            #   CHECK     RESULT  REASON
            0   settings  fail    no metastore password source: give --metastore-password-file, --metastore-secret-id, an option file with a [client] password, or set PDM_METASTORE_PASSWORD

            Result: UNUSABLE INPUT

            """)
    }

    @Test func tlsRequiredAgainstAPlainServerExitsFour() async throws {
        let server = try LiveMariaDB()
        let ca = try #require(LiveServer.value("PDM_TEST_MARIADB_TLS_CA"))
        let output = try await preflight(
            connectionFlags(server, database: "pdm_fx_tls") + ["--metastore-tls", "--metastore-tls-ca", ca],
            environment: ["PDM_METASTORE_PASSWORD": "x"])
        #expect(output.status == 4)
        #expect(output.stdout.contains("1   connection  fail    TLS required but not offered by 127.0.0.1:\(server.port)/pdm_fx_tls"))
    }
}
