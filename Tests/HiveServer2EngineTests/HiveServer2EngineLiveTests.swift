import Basics
import Foundation
import Synchronization
import Testing
import TestSupport
import HiveServer2
@testable import HiveServer2Engine

/// The engine against the real Spark Thrift server: beeline's semantics for one task's file.
@Suite(.enabled(if: LiveServer.available("PDM_TEST_THRIFT_JDBC_URL"), "Spark Thrift server not running: run scripts/test"),
       .serialized)
struct HiveServer2EngineLiveTests {
    let url: HiveJDBCURL

    init() throws {
        url = try HiveJDBCURL(parsing: try #require(LiveServer.value("PDM_TEST_THRIFT_JDBC_URL")))
    }

    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
        var log: HiveServer2Engine.Log { { line in self.lines.withLock { $0.append(line) } } }
    }

    func task(hivevars: [String: String] = [:], hiveconf: [String: String] = [:], secrets: Set<String> = []) -> HiveServer2Task {
        HiveServer2Task(options: HiveServer2Options(url: url, user: "pdm"), database: url.database,
                        hivevars: hivevars, hiveconf: hiveconf, secretHivevars: secrets, pollInterval: .milliseconds(50))
    }

    static func table(_ stem: String) -> String { "hs2e_\(stem)_\(UInt32.random(in: 0...UInt32.max))" }

    func count(_ table: String) async throws -> [String] {
        let lines = Lines()
        try await HiveServer2Engine().run("SELECT count(*) AS n FROM \(table);", task: task(), log: lines.log)
        return lines.all.filter { !$0.contains(" ") }
    }

    @Test func runsAFileInOrderWithVariablesAndLogsRowsAsTSV() async throws {
        let table = Self.table("file")
        let lines = Lines()
        let source = """
            -- a comment; with a semicolon
            CREATE TABLE ${hivevar:t} (id INT, label STRING) USING parquet;
            INSERT INTO ${t} VALUES (1, 'a;b'), (2, '${hiveconf:pdm.label}'), (3, NULL);
            SELECT id, label, '${hivevar:pin}' AS tok FROM ${t} ORDER BY id;
            DROP TABLE ${t};
            """
        try await HiveServer2Engine().run(
            source, task: task(hivevars: ["t": table, "pin": "s3cret"], hiveconf: ["pdm.label": "conf"], secrets: ["pin"]),
            log: lines.log)
        let tsv = lines.all.filter { $0.contains("\t") }
        #expect(tsv == ["id\tlabel\ttok", "1\ta;b\t***", "2\tconf\t***", "3\tNULL\t***"])
        #expect(!lines.all.joined().contains("s3cret"))
        // (A hivevar named like `token` or `password` is redacted by Spark itself, before our mask: hence `pin`.)
    }

    @Test func firstFailingStatementStopsTheFileWithTheServerMessage() async throws {
        let table = Self.table("fail")
        let source = """
            CREATE TABLE \(table) (id INT) USING parquet;
            SELECT * FROM no_such_table_hs2e;
            INSERT INTO \(table) VALUES (1);
            """
        let error = await #expect(throws: HiveServer2Error.self) {
            try await HiveServer2Engine().run(source, task: task(), log: { _ in })
        }
        let line = try #require(error?.description)
        #expect(line.hasPrefix("HiveServer2 \(url.host):\(url.port): statement failed [SQLState 42P01"))
        #expect(line.contains("no_such_table_hs2e"))
        #expect(try await count(table) == ["n", "0"])  // the statement after the failure never ran
        try await HiveServer2Engine().run("DROP TABLE \(table)", task: task(), log: { _ in })
    }

    /// Cancelling the task (as the runner does on timeout, SIGTERM or a lost lease) cancels the running
    /// statement on the server: its insert, due after a 12 s sleep, never lands.
    @Test func cancellingTheTaskStopsTheStatementOnTheServer() async throws {
        let table = Self.table("cancel")
        try await HiveServer2Engine().run("CREATE TABLE \(table) (id BIGINT) USING parquet", task: task(), log: { _ in })
        let started = ContinuousClock.now
        let running = Task {
            try await HiveServer2Engine().run("""
                INSERT INTO \(table) SELECT id FROM range(1) WHERE length(coalesce(reflect('java.lang.Thread', 'sleep', CAST(12000 AS BIGINT)), '')) >= 0;
                INSERT INTO \(table) VALUES (2);
                """, task: task(), log: { _ in })
        }
        try await Task.sleep(for: .seconds(4))
        running.cancel()
        await #expect(throws: CancellationError.self) { try await running.value }
        try await Task.sleep(until: started + .seconds(20))
        #expect(try await count(table) == ["n", "0"])
        try await HiveServer2Engine().run("DROP TABLE \(table)", task: task(), log: { _ in })
    }

    @Test func refusedConnectionIsOneLineNamingHostAndPort() async throws {
        var options = HiveServer2Options(host: "127.0.0.1", port: 1, user: "pdm")
        options.connectTimeout = .seconds(2)
        let error = await #expect(throws: HiveServer2Error.self) {
            try await HiveServer2Engine().run("SELECT 1", task: HiveServer2Task(options: options), log: { _ in })
        }
        #expect(error?.description == "HiveServer2 127.0.0.1:1: connection refused")
    }
}
