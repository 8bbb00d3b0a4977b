/// Judges a snapshot: checks 2–6 of the preflight (check 1, the connection, is judged by `Preflight`).
/// Pure: the same snapshot always gives the same results.
public struct MetastoreChecker: Sendable {
    public var allowUninitialised: Bool
    /// Databases the plan will create, as written in the pipeline.
    public var plannedDatabases: [String]

    public init(allowUninitialised: Bool = false, plannedDatabases: [String] = []) {
        self.allowUninitialised = allowUninitialised
        self.plannedDatabases = plannedDatabases
    }

    public func check(_ snapshot: MetastoreSnapshot) -> [PreflightResult] {
        let initialised = checkInitialised(snapshot)
        if snapshot.tables.isEmpty {
            let why = "the database is empty"
            return [
                initialised,
                PreflightResult(.version, .skipped, why),
                PreflightResult(.structure, .skipped, why),
                checkPrivileges(snapshot),
                PreflightResult(.catalog, .skipped, why),
                checkDatabases(snapshot),
            ]
        }
        let (versionResult, version) = checkVersion(snapshot)
        return [
            initialised, versionResult, checkStructure(snapshot, version: version), checkPrivileges(snapshot),
            checkCatalog(snapshot), checkDatabases(snapshot),
        ]
    }

    static let initialiseRemedy =
        "initialise it with Hive 3 (`schematool -dbType mysql -initSchema` from a Hive 3 installation) before any cluster runs"

    func checkInitialised(_ snapshot: MetastoreSnapshot) -> PreflightResult {
        guard snapshot.tables.isEmpty else {
            return PreflightResult(.initialised, .pass, "\(snapshot.tables.count) tables in \(snapshot.database)")
        }
        let reason = "not initialised: \(snapshot.database) has no tables; the first Hive to touch it decides its schema"
        return PreflightResult(
            .initialised, allowUninitialised ? .warn : .fail,
            allowUninitialised ? reason + " (allowed by --allow-uninitialised)" : reason,
            remedy: Self.initialiseRemedy)
    }

    func checkVersion(_ snapshot: MetastoreSnapshot) -> (PreflightResult, HiveSchemaVersion?) {
        guard let fact = snapshot.versionRows, snapshot.hasColumn("VERSION", "SCHEMA_VERSION") else {
            let reason = snapshot.table("VERSION") == nil
                ? "no VERSION table: \(snapshot.database) is not a Hive metastore schema"
                : "VERSION has no SCHEMA_VERSION column: not a Hive metastore schema"
            return (PreflightResult(.version, .fail, reason, remedy: "rebuild it: " + Self.initialiseRemedy), nil)
        }
        let rows: [String?]
        switch fact {
        case .failure(let error):
            return (PreflightResult(.version, .fail, "cannot read VERSION: \(error)", remedy: "grant SELECT on the metastore"), nil)
        case .success(let values): rows = values
        }
        guard rows.count == 1 else {
            let reason = rows.isEmpty
                ? "VERSION has no row: schematool did not finish"
                : "VERSION has \(rows.count) rows (\(rows.map { $0 ?? "NULL" }.joined(separator: ", "))); exactly one expected"
            return (PreflightResult(.version, .fail, reason, remedy: "rebuild it: " + Self.initialiseRemedy), nil)
        }
        guard let text = rows[0], let version = HiveSchemaVersion(text) else {
            return (PreflightResult(
                .version, .fail, "VERSION.SCHEMA_VERSION is '\(rows[0] ?? "NULL")', not a version",
                remedy: "rebuild it: " + Self.initialiseRemedy), nil)
        }
        switch version.verdict {
        case .hive31:
            return (PreflightResult(.version, .pass, "schema version \(version) (Hive 3.1)"), version)
        case .halfUpgraded:
            return (PreflightResult(
                .version, .fail,
                "schema version \(version): an upgrade that stopped halfway (the upgrade scripts set 3.0.0, then 3.1.0)",
                remedy: "finish it: `schematool -dbType mysql -upgradeSchemaFrom 3.0.0` from Hive 3.1, or rebuild"),
                version)
        case .hive2OrOlder:
            return (PreflightResult(
                .version, .fail, "schema version \(version): a Hive \(version.major) schema that a Hive 3 cluster must not use",
                remedy: "upgrade it with Hive 3.1 schematool (`-upgradeSchemaFrom \(version)`), or rebuild it with Hive 3"),
                version)
        case .newerThan31:
            return (PreflightResult(
                .version, .warn, "schema version \(version) is newer than Hive 3.1",
                remedy: "make sure the cluster's Hive can use a \(version) metastore"), version)
        }
    }

    func checkStructure(_ snapshot: MetastoreSnapshot, version: HiveSchemaVersion?) -> PreflightResult {
        let missing30 = SchemaMarkers.hive30.filter { !snapshot.has($0) }
        let missing31 = SchemaMarkers.hive31.filter { !snapshot.has($0) }
        let present30 = SchemaMarkers.hive30.count - missing30.count
        let shape: String
        switch (missing30.isEmpty, missing31.isEmpty) {
        case (true, true): shape = "Hive 3.1"
        case (true, false): shape = missing31.count == SchemaMarkers.hive31.count ? "Hive 3.0" : "a partial Hive 3.1"
        case (false, _): shape = present30 == 0 ? "Hive 2" : "a partial Hive 3.0"
        }
        guard let version else {
            return PreflightResult(.structure, .skipped, "no usable VERSION row to compare with; the tables look like \(shape)")
        }
        let required: [SchemaMarker]
        switch version.verdict {
        case .hive2OrOlder:
            guard present30 == 0 else {
                return PreflightResult(
                    .structure, .fail,
                    "VERSION row does not match the schema: VERSION says \(version) but the tables look like \(shape)",
                    remedy: "find out which Hive wrote it; rebuild it with Hive 3")
            }
            return PreflightResult(.structure, .pass, "the tables look like Hive 2, as VERSION says")
        case .halfUpgraded: required = SchemaMarkers.hive30
        case .hive31, .newerThan31: required = SchemaMarkers.hive30 + SchemaMarkers.hive31
        }
        let missing = required.filter { !snapshot.has($0) }
        guard missing.isEmpty else {
            return PreflightResult(
                .structure, .fail,
                "VERSION row does not match the schema: VERSION says \(version) but the tables look like \(shape); "
                    + "missing \(missing.count) of \(required.count) Hive 3 markers: \(Self.list(missing.map(\.description)))",
                remedy: "someone edited VERSION or an upgrade failed: rebuild it with Hive 3 schematool")
        }
        return PreflightResult(
            .structure, .pass, "all \(required.count) Hive 3 marker tables and columns for \(version) are present")
    }

    /// `a, b, c, d, e (+3 more)`: one line, whatever the count.
    static func list(_ items: [String], limit: Int = 5) -> String {
        let shown = items.prefix(limit).joined(separator: ", ")
        return items.count > limit ? "\(shown) (+\(items.count - limit) more)" : shown
    }
}
