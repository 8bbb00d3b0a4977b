import Foundation

/// The facts the checks judge, read from one session. Plain data, so the checks are tested without a server.
public struct MetastoreSnapshot: Sendable, Hashable {
    public typealias Fact<T: Sendable & Hashable> = Result<T, MetastoreError>

    public var database: String
    /// `CURRENT_USER()`: the account the server matched, e.g. `pdm-writer@%`.
    public var currentUser: String
    public var serverVersion: String
    /// 0: names are case-sensitive as stored; 1 and 2: compared case-insensitively.
    public var lowerCaseTableNames: Int
    /// Base tables as stored in `information_schema.TABLES`.
    public var tables: [String]
    /// Table name as stored → its column names.
    public var columns: [String: [String]]
    /// `VERSION.SCHEMA_VERSION` of every row; nil when there is no VERSION table with that column.
    public var versionRows: Fact<[String?]>?
    /// The lines of `SHOW GRANTS`.
    public var grants: Fact<[String]>
    /// The `hive` row of CTLGS: nil when there is no CTLGS table, `.success(nil)` when the row is missing.
    public var hiveCatalog: Fact<CatalogRow?>?
    /// Those of the plan's databases that already exist in DBS; nil when there is no DBS table.
    public var existingDatabases: Fact<[ExistingDatabase]>?

    public init(
        database: String, currentUser: String, serverVersion: String, lowerCaseTableNames: Int, tables: [String],
        columns: [String: [String]], versionRows: Fact<[String?]>?, grants: Fact<[String]>,
        hiveCatalog: Fact<CatalogRow?>?, existingDatabases: Fact<[ExistingDatabase]>?
    ) {
        self.database = database
        self.currentUser = currentUser
        self.serverVersion = serverVersion
        self.lowerCaseTableNames = lowerCaseTableNames
        self.tables = tables
        self.columns = columns
        self.versionRows = versionRows
        self.grants = grants
        self.hiveCatalog = hiveCatalog
        self.existingDatabases = existingDatabases
    }

    /// The stored name of a Hive table, honouring `lower_case_table_names`: with 0 Hive asks for the
    /// upper-case name exactly, so `version` is not `VERSION`.
    public func table(_ name: String) -> String? {
        if lowerCaseTableNames == 0 { return tables.first { $0 == name } }
        return tables.first { $0.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// Column names are case-insensitive in MySQL whatever the table setting.
    public func hasColumn(_ table: String, _ column: String) -> Bool {
        guard let stored = self.table(table), let names = columns[stored] else { return false }
        return names.contains { $0.caseInsensitiveCompare(column) == .orderedSame }
    }

    public func has(_ marker: SchemaMarker) -> Bool {
        if let column = marker.column { return hasColumn(marker.table, column) }
        return table(marker.table) != nil
    }
}

public struct CatalogRow: Sendable, Hashable, Codable {
    public var name: String
    public var locationURI: String

    public init(name: String, locationURI: String) {
        self.name = name
        self.locationURI = locationURI
    }
}

public struct ExistingDatabase: Sendable, Hashable, Codable {
    public var name: String
    /// DBS.DB_LOCATION_URI.
    public var location: String

    public init(name: String, location: String) {
        self.name = name
        self.location = location
    }
}
