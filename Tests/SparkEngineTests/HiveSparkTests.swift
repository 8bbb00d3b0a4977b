import Foundation
import Testing
import TestSupport

/// scripts/hive-spark, the `hive` CLI stand-in: options passed through to spark-sql, exit code propagated.
/// Each test has its own metastore folder; every invocation starts a JVM (15-25 s).
@Suite(.enabled(if: LiveServer.available("PDM_TEST_HIVE_SPARK"), "spark-thrift service not started: run scripts/test"))
struct HiveSparkTests {
    let engines: Engines

    init() throws {
        engines = try Engines.live()
    }

    @Test func substitutesHivevarsInAFileAndKeepsStateBetweenInvocations() async throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = folder.appendingPathComponent("state")
        let script = try Fixture.write("""
            CREATE DATABASE IF NOT EXISTS ${hivevar:db};
            CREATE TABLE ${db}.greeting (text STRING, n INT);
            INSERT INTO ${hivevar:db}.greeting VALUES ('${x}', CAST('not a number' AS INT));
            """, to: "vars.sql", in: folder)
        let first = try await engines.hiveSpark(
            ["-S", "--hivevar", "db=hs", "--hivevar", "x=hello", "--hiveconf", "pdm.setting=c1", "-f", script],
            state: state)
        #expect(first.status == 0, "\(first.stderr)")
        let second = try await engines.hiveSpark(["-S", "-e", "SELECT text, n FROM hs.greeting"], state: state)
        #expect(second.status == 0, "\(second.stderr)")
        // ansi off: a bad cast is NULL, as in Hive.
        #expect(second.stdout == "hello\tNULL\n")
    }

    @Test func exitsWith1AtTheFirstFailingStatement() async throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = try Fixture.write(
            "SELECT 'first';\nSELECT * FROM no_such_table_anywhere;\nSELECT 'never';\n", to: "fails.sql", in: folder)
        let result = try await engines.hiveSpark(["-S", "-f", script], state: folder.appendingPathComponent("state"))
        #expect(result.status == 1)
        #expect(result.stdout == "first\n")
        #expect(result.stderr.contains("TABLE_OR_VIEW_NOT_FOUND"))
    }
}
