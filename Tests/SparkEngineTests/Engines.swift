import Foundation
import TestSupport
import Testing

/// The local engines that scripts/services/spark-thrift describes in .services/spark-thrift.env.
struct Engines {
    let jdbcURL: String
    let beeline: String
    let hiveSpark: String

    /// From the variables scripts/test exports; `#require` fails the test in CI when they are missing.
    static func live() throws -> Engines {
        Engines(
            jdbcURL: try #require(LiveServer.value("PDM_TEST_THRIFT_JDBC_URL")),
            beeline: try #require(LiveServer.value("PDM_TEST_BEELINE")),
            hiveSpark: try #require(LiveServer.value("PDM_TEST_HIVE_SPARK")))
    }

    /// beeline with the arguments `pdm-pipeline` uses, plus machine-readable output: tab-separated rows, no header.
    func beeline(_ arguments: [String]) async throws -> CommandResult {
        try await Command.run(beeline, ["-u", jdbcURL, "-n", "pdm"] + arguments
            + ["--silent=true", "--outputformat=tsv2", "--showHeader=false"])
    }

    /// scripts/hive-spark with its own metastore folder, so tests never queue behind each other's Derby lock.
    func hiveSpark(_ arguments: [String], state: URL) async throws -> CommandResult {
        var environment = ProcessInfo.processInfo.environment
        environment["PDM_HIVE_SPARK_STATE"] = state.path
        return try await Command.run(hiveSpark, arguments, environment: environment)
    }

    /// Result rows of beeline's tsv2 output; beeline prints its prompt (`0: jdbc:hive2://...> `) before the first row.
    static func rows(_ stdout: String) -> [String] {
        stdout.split(separator: "\n", omittingEmptySubsequences: true).map { line in
            var text = String(line)
            while let range = text.range(of: #"^[0-9]+: jdbc:[^>]*> ?"#, options: .regularExpression) {
                text.removeSubrange(range)
            }
            return text
        }.filter { !$0.isEmpty }
    }
}

enum Fixture {
    /// A fresh temporary folder (a SQL file, a password file, a hive-spark state).
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("spark-engine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ text: String, to name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// A database name no other test uses on the shared Thrift server.
    static func databaseName(_ prefix: String) -> String {
        "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
    }
}
