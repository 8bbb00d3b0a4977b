import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `engine hiveserver2` leaves no session open on the server, whatever the task's end (done, failed, timed out),
/// and a runner fenced off by a takeover cancels its query on the server. The Spark Thrift server's JDBC/ODBC page
/// (`PDM_TEST_THRIFT_UI_URL`, scripts/services/spark-thrift) lists every session with its user and finish time.
@Suite(.enabled(if: LiveServer.available("PDM_TEST_THRIFT_UI_URL"), "Spark Thrift server not running: run scripts/test"))
struct NativeEngineSessionTests {
    struct Session: Equatable {
        var id: String
        var finished: Bool
    }

    /// The sessions of `user` on the server's session table.
    static func sessions(of user: String) async throws -> [Session] {
        let base = try #require(LiveServer.value("PDM_TEST_THRIFT_UI_URL"))
        let url = try #require(URL(string: "\(base)/sqlserver/?sessionstat.pageSize=10000"))
        // A loaded server (a JVM beside 8 parallel tests on 2 cores) can take a while to render the page: up to a
        // minute before the UI counts as not answering.
        var result = try await Command.run("/usr/bin/curl", ["-sf", "--max-time", "10", url.absoluteString])
        for _ in 0..<5 where result.status != 0 {
            try await Task.sleep(for: .seconds(2))
            result = try await Command.run("/usr/bin/curl", ["-sf", "--max-time", "10", url.absoluteString])
        }
        try #require(result.status == 0, "the Thrift server's UI did not answer (curl exit \(result.status)): \(result.stderr)")
        // Only the session table: the SQL statement table below it also has a user column.
        guard let start = result.stdout.range(of: "id=\"sessionstat\""),
            let end = result.stdout.range(of: "</table>", range: start.upperBound..<result.stdout.endIndex)
        else { Issue.record("no session table on the page"); return [] }
        let table = result.stdout[start.upperBound..<end.lowerBound]
        return table.components(separatedBy: "<tr>").compactMap { row in
            let cells = row.components(separatedBy: "<td>").dropFirst().map { cell in
                (cell.components(separatedBy: "</td>").first ?? "").replacingOccurrences(
                    of: "<[^>]*>", with: "", options: .regularExpression
                ).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            // User, IP, Session ID, Start Time, Finish Time, Duration, Total Execute.
            guard cells.count >= 5, cells[0] == user else { return nil }
            return Session(id: cells[2], finished: !cells[4].isEmpty)
        }
    }

    /// The server records a close through its listener bus, a moment after the call returns.
    static func settledSessions(of user: String, expected: Int) async throws -> [Session] {
        var seen: [Session] = []
        for _ in 0..<60 {
            seen = try await sessions(of: user)
            if seen.count >= expected, seen.allSatisfy(\.finished) { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        return seen
    }

    @Test(.timeLimit(.minutes(5))) func everyEndClosesItsSession() async throws {
        let url = try #require(LiveServer.value("PDM_TEST_THRIFT_JDBC_URL"))
        let cli = try CLI()
        let user = "sessions_\(UUID().uuidString.prefix(8).lowercased())"
        let text = """
            pipeline "native-sessions"
            product "NATIVE"
            engine hiveserver2
            hiveserver2 { user "\(user)" }
            param correlation_id
            step done {
              parallelism 3
              statement "SELECT 1"
              statement "SELECT 2"
              statement "SELECT 3"
            }
            step failing {
              on_failure ignore
              statement "SELECT * FROM no_such_table_\(user)"
            }
            step slow {
              on_failure ignore
              timeout 2s
              statement "SELECT length(coalesce(reflect('java.lang.Thread', 'sleep', CAST(8000 AS BIGINT)), ''))"
            }
            """
        let file = cli.folder.appendingPathComponent("sessions.pipe")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let run = try await cli.run([
            "run", file.path, "--correlation-id", "sessions", "--jdbc-url", url, "--grace-period", "5",
            "--log-dir", cli.folder.appendingPathComponent("logs").path,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("timed out after 2.0s"), "\(run.stderr)")
        let sessions = try await Self.settledSessions(of: user, expected: 5)
        #expect(sessions.count == 5, "one session per task: \(sessions)")
        #expect(sessions.filter { !$0.finished }.isEmpty, "left open: \(sessions.filter { !$0.finished })")
    }

    /// A second runner takes the run over while the first one's query sleeps on the server: the first runner's
    /// next renewal is refused, it stops (exit 3) and cancels its query, whose insert never lands; the second
    /// runner's own copy runs once. Two rows in the end (not four), and no session left open.
    @Test(.timeLimit(.minutes(8))) func aFencedRunnerCancelsItsQueryOnTheServer() async throws {
        let url = try #require(LiveServer.value("PDM_TEST_THRIFT_JDBC_URL"))
        let cli = try CLI()
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let user = "fenced_\(suffix)"
        let table = "default.native_fenced_\(suffix)"
        let text = """
            pipeline "native-fenced"
            product "NATIVE"
            engine hiveserver2
            hiveserver2 { user "\(user)" }
            param correlation_id
            step setup { statement "CREATE TABLE IF NOT EXISTS \(table) (id BIGINT) USING parquet" }
            step long {
              statement "INSERT INTO \(table) SELECT id FROM range(1) WHERE length(coalesce(reflect('java.lang.Thread', 'sleep', CAST(12000 AS BIGINT)), '')) >= 0; INSERT INTO \(table) VALUES (2)"
            }
            """
        let file = cli.folder.appendingPathComponent("fenced.pipe")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let arguments = [
            "run", file.path, "--correlation-id", "fenced", "--jdbc-url", url, "--grace-period", "5", "--lease", "6",
            "--log-dir", cli.folder.appendingPathComponent("logs").path,
        ]
        let (first, firstOut, firstErr) = try cli.start(arguments)
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }
        let logs = cli.folder.appendingPathComponent("logs")
        // The setup step's CREATE TABLE comes first; on a loaded machine Spark may take a while over it.
        var started = false
        for _ in 0..<1800 where !started && first.isRunning {
            try await Task.sleep(for: .milliseconds(100))
            let files = FileManager.default.enumerator(atPath: logs.path)?.compactMap { $0 as? String } ?? []
            started = files.contains { $0.contains("02-long") && $0.hasSuffix(".log") }
        }
        if !started {
            let ended = first.isRunning ? nil : await Command.finish(first, stdout: firstOut, stderr: firstErr)
            Issue.record("the long step never started\(ended.map { ": the run ended with exit \($0.status): \($0.stderr)" } ?? " in 3 minutes")")
            return
        }
        try await Task.sleep(for: .seconds(1))
        // The takeover supersedes the record at once, then waits for the first runner's lease to run out.
        let second = try await cli.run(arguments + ["--takeover"])
        let fenced = await Command.finish(first, stdout: firstOut, stderr: firstErr)
        #expect(fenced.status == 3, "\(fenced.stderr)")
        #expect(second.status == 0, "\(second.stderr)")
        // Past the 12 s the first runner's statement would have slept: had it gone on, two more rows would be there.
        try await Task.sleep(for: .seconds(3))
        #expect(try await NativeEngineCancelTests.rows(table, cli: cli, url: url) == "2")
        let sessions = try await Self.settledSessions(of: user, expected: 4)
        #expect(sessions.filter { !$0.finished }.isEmpty, "left open: \(sessions.filter { !$0.finished })")
    }
}
