import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `engine hiveserver2` through the built binary: a timeout or a SIGTERM stops the query on the server (the
/// statement after the long one never runs, and neither does the long one's own insert), which killing a beeline
/// process cannot do.
@Suite(.enabled(if: LiveServer.available("PDM_TEST_THRIFT_JDBC_URL"), "Spark Thrift server not running: run scripts/test"))
struct NativeEngineCancelTests {
    /// A pipeline whose second step sleeps 12 s on the server inside an INSERT, then inserts again. The timeout
    /// is that step's only: on a loaded machine the CREATE TABLE alone can take seconds.
    static func pipeline(in cli: CLI, table: String, timeout: String) async throws -> String {
        let text = """
            pipeline "native-cancel"
            product "NATIVE"
            engine hiveserver2
            param correlation_id
            step setup { statement "CREATE TABLE IF NOT EXISTS \(table) (id BIGINT) USING parquet" }
            step long {
              timeout \(timeout)
              statement "INSERT INTO \(table) SELECT id FROM range(1) WHERE length(coalesce(reflect('java.lang.Thread', 'sleep', CAST(12000 AS BIGINT)), '')) >= 0; INSERT INTO \(table) VALUES (2)"
            }
            """
        let file = cli.folder.appendingPathComponent("native.pipe")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    static func rows(_ table: String, cli: CLI, url: String) async throws -> String {
        let beeline = try #require(LiveServer.value("PDM_TEST_BEELINE"))
        let result = try await cli.exec(beeline, ["-u", url, "-n", "pdm", "--silent=true", "--outputformat=tsv2", "--showHeader=false", "-e", "SELECT count(*) FROM \(table)"])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").last.map { line in
            line.range(of: "> ").map { String(line[$0.upperBound...]) } ?? String(line)
        } ?? ""
    }

    @Test(.timeLimit(.minutes(5))) func aTimeoutCancelsTheQueryOnTheServer() async throws {
        let url = try #require(LiveServer.value("PDM_TEST_THRIFT_JDBC_URL"))
        let cli = try CLI()
        let table = "default.native_timeout_\(UUID().uuidString.prefix(8).lowercased())"
        let pipeline = try await Self.pipeline(in: cli, table: table, timeout: "3s")
        // The grace is what CancelOperation gets before the connection is closed: a Spark still warming up beside
        // the rest of the suite has taken longer than 5 s to answer it (seen in a clean-clone run at load 20+).
        let run = try await cli.run(["run", pipeline, "--correlation-id", "t1", "--jdbc-url", url, "--grace-period", "15", "--log-dir", cli.folder.appendingPathComponent("logs").path])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("timed out after 3.0s"))
        // Past the 12 s the statement would have slept: had it gone on, its row and the next one would be there.
        try await Task.sleep(for: .seconds(14))
        #expect(try await Self.rows(table, cli: cli, url: url) == "0")
    }

    @Test(.timeLimit(.minutes(5))) func sigtermCancelsTheQueryOnTheServer() async throws {
        let url = try #require(LiveServer.value("PDM_TEST_THRIFT_JDBC_URL"))
        let cli = try CLI()
        let table = "default.native_sigterm_\(UUID().uuidString.prefix(8).lowercased())"
        let pipeline = try await Self.pipeline(in: cli, table: table, timeout: "10m")
        let (process, out, err) = try cli.start(["run", pipeline, "--correlation-id", "s1", "--jdbc-url", url, "--grace-period", "5", "--log-dir", cli.folder.appendingPathComponent("logs").path])
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        // Wait until the long statement was sent (the step's log names the attempt).
        let log = cli.folder.appendingPathComponent("logs")
        var started = false
        for _ in 0..<600 where !started {
            try await Task.sleep(for: .milliseconds(100))
            let files = FileManager.default.enumerator(atPath: log.path)?.compactMap { $0 as? String } ?? []
            started = files.contains { $0.contains("02-long") && $0.hasSuffix(".log") }
        }
        try #require(started, "the long step never started")
        try await Task.sleep(for: .seconds(2))
        let signalled = Date()
        kill(process.processIdentifier, SIGTERM)
        let ended = await Command.finish(process, stdout: out, stderr: err)
        #expect(ended.status == 143, "\(ended.stderr)")
        try await Task.sleep(until: .now + .seconds(max(1, 14 - Date().timeIntervalSince(signalled))))
        #expect(try await Self.rows(table, cli: cli, url: url) == "0")
        let status = try await cli.run(["status", "--correlation-id", "s1", "--product", "NATIVE"])
        #expect(status.stdout.contains("Status                        FAILED\n"))
        #expect(status.stdout.contains("Failure_Reason                cancelled: interrupted by SIGTERM\n"))
    }
}
