import Foundation
import Testing
import TestSupport

/// beeline against the Thrift server: what `pdm-pipeline --engine beeline` relies on.
@Suite(.enabled(if: LiveServer.available("PDM_TEST_THRIFT_JDBC_URL"), "Spark Thrift server not running: run scripts/test"))
struct BeelineTests {
    let engines: Engines

    init() throws {
        engines = try Engines.live()
    }

    @Test func substitutesHivevarsAndHiveconfAndEmptiesUndefinedReferences() async throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let password = try Fixture.write("not-checked\n", to: "password", in: folder)
        let script = try Fixture.write(
            "SELECT '${x}', '${hivevar:x}', '${hiveconf:pdm.setting}', concat('[', '${undefined}', ']');\n",
            to: "vars.sql", in: folder)
        let result = try await engines.beeline(
            ["-w", password, "--hivevar", "x=hello", "--hiveconf", "pdm.setting=c1", "-f", script])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Engines.rows(result.stdout) == ["hello\thello\tc1\t[]"])
        #expect(!result.stdout.contains("not-checked") && !result.stderr.contains("not-checked"))
    }

    @Test func stopsAtTheFirstFailingStatementWithExitCode2() async throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = try Fixture.write(
            "SELECT 'first';\nSELECT * FROM no_such_table_anywhere;\nSELECT 'never';\n", to: "fails.sql", in: folder)
        let result = try await engines.beeline(["-f", script])
        #expect(result.status == 2)
        #expect(Engines.rows(result.stdout) == ["first"])
        #expect(result.stderr.contains("TABLE_OR_VIEW_NOT_FOUND"))
    }

    /// The session is refused, so beeline has no connection: exit 2 with `-f`, 1 with `-e`.
    @Test func rejectsAnUnknownHiveSettingWhenTheSessionOpens() async throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = try Fixture.write("SELECT 1;\n", to: "one.sql", in: folder)
        let file = try await engines.beeline(["--hiveconf", "hive.root.logger=DEBUG,console", "-f", script])
        #expect(file.status == 2)
        #expect(file.stderr.contains("hive configuration hive.root.logger does not exists"))
        #expect(Engines.rows(file.stdout).isEmpty)
        let statement = try await engines.beeline(["--hiveconf", "hive.root.logger=DEBUG,console", "-e", "SELECT 1"])
        #expect(statement.status == 1)
        #expect(statement.stderr.contains("hive configuration hive.root.logger does not exists"))
    }

    @Test func missingPasswordFileFailsBeforeConnecting() async throws {
        let result = try await engines.beeline(["-w", "/nonexistent/pdm-password", "-e", "SELECT 1"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("NoSuchFileException"))
    }
}
