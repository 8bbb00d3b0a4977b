import Foundation
import Metastore
import Testing
import TestSupport

/// Each fixture schema against the live MariaDB: the exact result of every check.
@Suite(.enabled(if: LiveMariaDB.enabled, LiveMariaDB.reason))
struct MetastoreCheckerLiveTests {
    static let planned = ["pdm_raw", "pdm_curated"]

    /// Runs the blocking preflight against a fresh copy of `fixture`; `DB` in results stands for its name.
    func results(_ fixture: String, role: String = "WRITER", allowUninitialised: Bool = false) async throws -> PreflightReport {
        let server = try LiveMariaDB()
        return try await server.withDatabase(fixture: fixture) { database in
            let config = try server.config(database: database, role: role)
            // The blocking preflight (libmariadb), off the cooperative pool.
            var report = await Blocking.run {
                Preflight.check(
                    config: config, source: .environment("TEST"),
                    checker: MetastoreChecker(allowUninitialised: allowUninitialised, plannedDatabases: Self.planned))
            }
            for index in report.checks.indices {
                report.checks[index].reason = report.checks[index].reason.replacingOccurrences(of: database, with: "DB")
                report.checks[index].remedy = report.checks[index].remedy?.replacingOccurrences(of: database, with: "DB")
            }
            return report
        }
    }

    func rows(_ report: PreflightReport) -> [String] {
        report.checks.dropFirst().map { "\($0.id.rawValue) \($0.status.rawValue): \($0.reason)" }
    }

    @Test func hive31Passes() async throws {
        let report = try await results("hive-3.1")
        #expect(report.outcome == .passed)
        #expect(report.exitCode == 0)
        #expect(report.check(.connection)?.reason.hasPrefix("connected to 10.11.") == true)
        #expect(rows(report) == [
            "initialised pass: 45 tables in DB",
            "version pass: schema version 3.1.0 (Hive 3.1)",
            "structure pass: all 30 Hive 3 marker tables and columns for 3.1.0 are present",
            "privileges pass: pdm_writer@% can SELECT, INSERT, UPDATE, DELETE on DB",
            "catalog pass: catalog hive at s3://pdm-warehouse/hive",
            "databases pass: 1 of 2 planned databases exist: pdm_raw at s3://pdm-warehouse/pdm_raw.db; new: pdm_curated",
        ])
        #expect(report.existingDatabases == [ExistingDatabase(name: "pdm_raw", location: "s3://pdm-warehouse/pdm_raw.db")])
    }

    @Test func hive23Fails() async throws {
        let report = try await results("hive-2.3")
        #expect(report.outcome == .failed)
        #expect(report.exitCode == 1)
        #expect(rows(report) == [
            "initialised pass: 28 tables in DB",
            "version fail: schema version 2.3.0: a Hive 2 schema that a Hive 3 cluster must not use",
            "structure pass: the tables look like Hive 2, as VERSION says",
            "privileges pass: pdm_writer@% can SELECT, INSERT, UPDATE, DELETE on DB",
            "catalog skip: no CTLGS table (catalogs arrived with Hive 3.0)",
            "databases pass: 1 of 2 planned databases exist: pdm_raw at s3://pdm-warehouse/pdm_raw.db; new: pdm_curated",
        ])
        #expect(report.check(.version)?.remedy
            == "upgrade it with Hive 3.1 schematool (`-upgradeSchemaFrom 2.3.0`), or rebuild it with Hive 3")
    }

    @Test func emptyDatabaseIsNotInitialised() async throws {
        let report = try await results("empty")
        #expect(report.outcome == .failed)
        #expect(rows(report) == [
            "initialised fail: not initialised: DB has no tables; the first Hive to touch it decides its schema",
            "version skip: the database is empty",
            "structure skip: the database is empty",
            "privileges pass: pdm_writer@% can SELECT, INSERT, UPDATE, DELETE on DB",
            "catalog skip: the database is empty",
            "databases skip: no DBS table; the plan creates pdm_raw, pdm_curated",
        ])
        #expect(report.check(.initialised)?.remedy
            == "initialise it with Hive 3 (`schematool -dbType mysql -initSchema` from a Hive 3 installation) before any cluster runs")
    }

    @Test func emptyDatabaseAllowedWithAWarning() async throws {
        let report = try await results("empty", allowUninitialised: true)
        #expect(report.outcome == .passed)
        #expect(report.check(.initialised) == PreflightResult(
            .initialised, .warn,
            "not initialised: DB has no tables; the first Hive to touch it decides its schema (allowed by --allow-uninitialised)",
            remedy: "initialise it with Hive 3 (`schematool -dbType mysql -initSchema` from a Hive 3 installation) before any cluster runs"))
    }

    @Test func halfUpgradedFails() async throws {
        let report = try await results("half-upgraded")
        #expect(report.outcome == .failed)
        #expect(rows(report) == [
            "initialised pass: 44 tables in DB",
            "version fail: schema version 3.0.0: an upgrade that stopped halfway (the upgrade scripts set 3.0.0, then 3.1.0)",
            "structure pass: all 22 Hive 3 marker tables and columns for 3.0.0 are present",
            "privileges pass: pdm_writer@% can SELECT, INSERT, UPDATE, DELETE on DB",
            "catalog pass: catalog hive at s3://pdm-warehouse/hive",
            "databases pass: 1 of 2 planned databases exist: pdm_raw at s3://pdm-warehouse/pdm_raw.db; new: pdm_curated",
        ])
    }

    @Test func handEditedVersionDoesNotMatchTheSchema() async throws {
        let report = try await results("hand-edited-version")
        #expect(report.outcome == .failed)
        #expect(rows(report)[1...2] == [
            "version pass: schema version 3.1.0 (Hive 3.1)",
            "structure fail: VERSION row does not match the schema: VERSION says 3.1.0 but the tables look like Hive 2; "
                + "missing 30 of 30 Hive 3 markers: CTLGS, METASTORE_DB_PROPERTIES, WM_RESOURCEPLAN, WM_POOL, WM_TRIGGER (+25 more)",
        ])
    }

    @Test func noVersionRowFails() async throws {
        let report = try await results("no-version-row")
        #expect(report.outcome == .failed)
        #expect(rows(report)[1...2] == [
            "version fail: VERSION has no row: schematool did not finish",
            "structure skip: no usable VERSION row to compare with; the tables look like Hive 3.1",
        ])
    }

    @Test func twoVersionRowsFail() async throws {
        let report = try await results("two-version-rows")
        #expect(report.outcome == .failed)
        #expect(rows(report)[1...2] == [
            "version fail: VERSION has 2 rows (2.3.0, 3.1.0); exactly one expected",
            "structure skip: no usable VERSION row to compare with; the tables look like Hive 3.1",
        ])
    }

    @Test func missingHiveCatalogWarns() async throws {
        let report = try await results("hive-3.1-no-catalog")
        #expect(report.outcome == .passed)
        #expect(report.check(.version)?.reason == "schema version 3.1.2 (Hive 3.1)")
        #expect(report.check(.catalog) == PreflightResult(
            .catalog, .warn, "no `hive` row in CTLGS: Hive 3 looks every database up in that catalog",
            remedy: "rebuild it with Hive 3 schematool, which creates the `hive` catalog"))
    }

    @Test func readOnlyUserGetsAPrivilegeWarning() async throws {
        let report = try await results("hive-3.1", role: "READER")
        #expect(report.outcome == .passed)
        #expect(report.check(.privileges) == PreflightResult(
            .privileges, .warn,
            "pdm_reader@% lacks INSERT, UPDATE, DELETE on DB: Hive cannot write the metastore as this user",
            remedy: "GRANT INSERT, UPDATE, DELETE ON `DB`.* to the metastore user, or use the writer user"))
    }

    @Test func hive31OverTLSWithLowerCaseTableNames() async throws {
        let server = try LiveMariaDB(tls: true)
        try await server.withDatabase(fixture: "hive-3.1") { database in
            let (user, password) = try LiveMariaDB.credential("TLS")
            let config = ConnectionConfig(
                host: server.host, port: server.port, database: database, user: user, password: password,
                tls: .required(caFile: try #require(LiveServer.value("PDM_TEST_MARIADB_TLS_CA"))))
            let connection = try MariaDBConnection(config)
            #expect(try connection.query("SELECT @@lower_case_table_names") == [["1"]])
            #expect(try connection.query(
                "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'VERSION'")
                == [["version"]])
            let report = await Blocking.run {
                Preflight.check(config: config, source: .environment("TEST"), checker: MetastoreChecker(plannedDatabases: Self.planned))
            }
            #expect(report.outcome == .passed)
            #expect(report.tlsCipher != nil)
            #expect(report.checks.map(\.status) == [.pass, .pass, .pass, .pass, .pass, .pass, .pass])
            #expect(report.check(.structure)?.reason == "all 30 Hive 3 marker tables and columns for 3.1.0 are present")
        }
    }
}
