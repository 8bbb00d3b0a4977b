import Metastore
import Testing

/// The checks on hand-built snapshots: cases a live server cannot easily show (lower_case_table_names, grants).
struct MetastoreCheckerTests {
    static let hive2Tables = ["VERSION", "DBS", "TBLS", "SDS", "COLUMNS_V2", "TABLE_PARAMS", "TXNS"]

    /// A snapshot with every Hive 3.x marker (or none), tables named by `name`.
    static func snapshot(
        hive3: Bool, version: [String?] = ["3.1.0"], lowerCaseTableNames: Int = 0, name: (String) -> String = { $0 },
        grants: [String] = ["GRANT ALL PRIVILEGES ON `metastore`.* TO `pdm-writer`@`%`"]
    ) -> MetastoreSnapshot {
        var columns: [String: [String]] = ["VERSION": ["VER_ID", "SCHEMA_VERSION", "VERSION_COMMENT"]]
        var tables = hive2Tables
        if hive3 {
            for marker in SchemaMarkers.hive30 + SchemaMarkers.hive31 {
                if let column = marker.column { columns[marker.table, default: []].append(column) }
                if !tables.contains(marker.table) { tables.append(marker.table) }
            }
        }
        let stored = Dictionary(uniqueKeysWithValues: columns.map { (name($0.key), $0.value) })
        return MetastoreSnapshot(
            database: "metastore", currentUser: "pdm-writer@%", serverVersion: "8.0.32", lowerCaseTableNames: lowerCaseTableNames,
            tables: tables.map(name), columns: stored, versionRows: .success(version), grants: .success(grants),
            hiveCatalog: hive3 ? .success(CatalogRow(name: "hive", locationURI: "s3://w")) : nil,
            existingDatabases: .success([]))
    }

    func statuses(_ results: [PreflightResult]) -> [String] { results.map { "\($0.id.rawValue) \($0.status.rawValue)" } }

    @Test func lowerCaseTableNamesOneFindsLowerCaseTables() {
        let results = MetastoreChecker().check(Self.snapshot(hive3: true, lowerCaseTableNames: 1, name: { $0.lowercased() }))
        #expect(statuses(results) == [
            "initialised pass", "version pass", "structure pass", "privileges pass", "catalog pass", "databases pass",
        ])
    }

    @Test func lowerCaseTableNamesZeroDoesNotTakeVersionForVERSION() {
        // With case-sensitive names Hive asks for `VERSION` and would not find `version`.
        let results = MetastoreChecker().check(Self.snapshot(hive3: true, lowerCaseTableNames: 0, name: { $0.lowercased() }))
        #expect(results[1] == PreflightResult(
            .version, .fail, "no VERSION table: metastore is not a Hive metastore schema",
            remedy: "rebuild it: initialise it with Hive 3 (`schematool -dbType mysql -initSchema` from a Hive 3 installation) before any cluster runs"))
    }

    @Test func schemaVersionColumnIsNotTheSchemaVersionTable() {
        // VERSION.SCHEMA_VERSION exists in every Hive; the Hive 3.0 table SCHEMA_VERSION must be a table.
        let snapshot = Self.snapshot(hive3: false, version: ["3.0.0"])
        #expect(!snapshot.has(SchemaMarkers.hive30.first { $0.table == "SCHEMA_VERSION" }!))
        let results = MetastoreChecker().check(snapshot)
        #expect(results[2].status == .fail)
        #expect(results[2].reason.contains("missing 22 of 22 Hive 3 markers"))
    }

    @Test func newerThan31Warns() {
        let results = MetastoreChecker().check(Self.snapshot(hive3: true, version: ["4.0.0"]))
        #expect(results[1] == PreflightResult(
            .version, .warn, "schema version 4.0.0 is newer than Hive 3.1",
            remedy: "make sure the cluster's Hive can use a 4.0.0 metastore"))
        #expect(results[2].status == .pass)
    }

    @Test func hive2VersionOverHive3TablesDoesNotMatch() {
        let results = MetastoreChecker().check(Self.snapshot(hive3: true, version: ["2.3.0"]))
        #expect(results[2] == PreflightResult(
            .structure, .fail,
            "VERSION row does not match the schema: VERSION says 2.3.0 but the tables look like Hive 3.1",
            remedy: "find out which Hive wrote it; rebuild it with Hive 3"))
    }

    @Test func garbageVersion() {
        let results = MetastoreChecker().check(Self.snapshot(hive3: true, version: [nil]))
        #expect(results[1].reason == "VERSION.SCHEMA_VERSION is 'NULL', not a version")
    }

    @Test func tableLevelWriteGrantsOnSomeTablesOnly() {
        let grants = ["GRANT USAGE ON *.* TO `u`@`%`", "GRANT SELECT ON `metastore`.* TO `u`@`%`"]
            + Self.hive2Tables.dropLast().map { "GRANT INSERT, UPDATE, DELETE ON `metastore`.`\($0)` TO `u`@`%`" }
        let results = MetastoreChecker().check(Self.snapshot(hive3: false, version: ["2.3.0"], grants: grants))
        #expect(results[3].status == .warn)
        #expect(results[3].reason == "pdm-writer@% lacks INSERT, UPDATE, DELETE on metastore: Hive cannot write the metastore as this user")
    }

    @Test func tableLevelGrantsOnEveryTablePass() {
        let grants = ["GRANT SELECT ON `metastore`.* TO `u`@`%`"]
            + Self.hive2Tables.map { "GRANT INSERT, UPDATE, DELETE ON `metastore`.`\($0)` TO `u`@`%`" }
        let results = MetastoreChecker().check(Self.snapshot(hive3: false, version: ["2.3.0"], grants: grants))
        #expect(results[3].status == .pass)
    }

    @Test func noSelectMeansCannotRead() {
        let results = MetastoreChecker().check(Self.snapshot(hive3: true, grants: ["GRANT USAGE ON *.* TO `u`@`%`"]))
        #expect(results[3].reason
            == "pdm-writer@% lacks SELECT, INSERT, UPDATE, DELETE on metastore: Hive cannot read or write the metastore as this user")
    }

    @Test func globalGrantCoversEverything() {
        let results = MetastoreChecker().check(Self.snapshot(hive3: true, grants: ["GRANT ALL PRIVILEGES ON *.* TO `root`@`%`"]))
        #expect(results[3].status == .pass)
    }

    @Test func plannedDatabasesNoneExist() {
        let checker = MetastoreChecker(plannedDatabases: ["pdm_raw"])
        #expect(checker.check(Self.snapshot(hive3: true))[5]
            == PreflightResult(.databases, .pass, "none of the plan's 1 databases exist yet"))
        #expect(MetastoreChecker().check(Self.snapshot(hive3: true))[5]
            == PreflightResult(.databases, .pass, "the plan creates no databases"))
    }
}
