import Foundation
import Metastore
import Testing
import TestSupport

/// Each fixture schema against the live MariaDB: the exact result of every check.
@Suite(.enabled(if: LiveMariaDB.enabled, LiveMariaDB.reason))
struct MetastoreCheckerLiveTests {
    static let planned = ["pdm_raw", "pdm_curated"]

    /// Runs the blocking preflight against a fresh copy of `fixture`; `DB` in results stands for its name.
    func results(_ fixture: String, role: String = "WRITER", allowUninitialised: Bool = false) throws -> PreflightReport {
        let server = try LiveMariaDB()
        let database = try server.makeDatabase(fixture: fixture)
        defer { try? server.dropDatabase(database) }
        let config = try server.config(database: database, role: role)
        var report = Preflight.check(
            config: config, source: .environment("TEST"),
            checker: MetastoreChecker(allowUninitialised: allowUninitialised, plannedDatabases: Self.planned))
        for index in report.checks.indices {
            report.checks[index].reason = report.checks[index].reason.replacingOccurrences(of: database, with: "DB")
            report.checks[index].remedy = report.checks[index].remedy?.replacingOccurrences(of: database, with: "DB")
        }
        return report
    }

    func rows(_ report: PreflightReport) -> [String] {
        report.checks.dropFirst().map { "\($0.id.rawValue) \($0.status.rawValue): \($0.reason)" }
    }

    @Test func hive31Passes() throws {
        let report = try results("hive-3.1")
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

    @Test func hive23Fails() throws {
        let report = try results("hive-2.3")
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

    @Test func emptyDatabaseIsNotInitialised() throws {
        let report = try results("empty")
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

    @Test func emptyDatabaseAllowedWithAWarning() throws {
        let report = try results("empty", allowUninitialised: true)
        #expect(report.outcome == .passed)
        #expect(report.check(.initialised) == CheckResult(
            .initialised, .warn,
            "not initialised: DB has no tables; the first Hive to touch it decides its schema (allowed by --allow-uninitialised)",
            remedy: "initialise it with Hive 3 (`schematool -dbType mysql -initSchema` from a Hive 3 installation) before any cluster runs"))
    }

    @Test func halfUpgradedFails() throws {
        let report = try results("half-upgraded")
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

    @Test func handEditedVersionDoesNotMatchTheSchema() throws {
        let report = try results("hand-edited-version")
        #expect(report.outcome == .failed)
        #expect(rows(report)[1...2] == [
            "version pass: schema version 3.1.0 (Hive 3.1)",
            "structure fail: VERSION row does not match the schema: VERSION says 3.1.0 but the tables look like Hive 2; "
                + "missing 30 of 30 Hive 3 markers: CTLGS, METASTORE_DB_PROPERTIES, WM_RESOURCEPLAN, WM_POOL, WM_TRIGGER (+25 more)",
        ])
    }

    @Test func noVersionRowFails() throws {
        let report = try results("no-version-row")
        #expect(report.outcome == .failed)
        #expect(rows(report)[1...2] == [
            "version fail: VERSION has no row: schematool did not finish",
            "structure skip: no usable VERSION row to compare with; the tables look like Hive 3.1",
        ])
    }

    @Test func twoVersionRowsFail() throws {
        let report = try results("two-version-rows")
        #expect(report.outcome == .failed)
        #expect(rows(report)[1...2] == [
            "version fail: VERSION has 2 rows (2.3.0, 3.1.0); exactly one expected",
            "structure skip: no usable VERSION row to compare with; the tables look like Hive 3.1",
        ])
    }

    @Test func missingHiveCatalogWarns() throws {
        let report = try results("hive-3.1-no-catalog")
        #expect(report.outcome == .passed)
        #expect(report.check(.version)?.reason == "schema version 3.1.2 (Hive 3.1)")
        #expect(report.check(.catalog) == CheckResult(
            .catalog, .warn, "no `hive` row in CTLGS: Hive 3 looks every database up in that catalog",
            remedy: "rebuild it with Hive 3 schematool, which creates the `hive` catalog"))
    }

    @Test func readOnlyUserGetsAPrivilegeWarning() throws {
        let report = try results("hive-3.1", role: "READER")
        #expect(report.outcome == .passed)
        #expect(report.check(.privileges) == CheckResult(
            .privileges, .warn,
            "pdm_reader@% lacks INSERT, UPDATE, DELETE on DB: Hive cannot write the metastore as this user",
            remedy: "GRANT INSERT, UPDATE, DELETE ON `DB`.* to the metastore user, or use the writer user"))
    }
}
