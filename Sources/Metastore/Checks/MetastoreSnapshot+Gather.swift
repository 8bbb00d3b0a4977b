import Foundation

extension MetastoreSnapshot {
    /// Reads every fact over one read-only session. Only `information_schema` decides what exists:
    /// `SCHEMA_VERSION` is both VERSION's column and (from Hive 3.0) a table, so columns never stand in for tables.
    public static func gather(
        from connection: MariaDBConnection, plannedDatabases: [String]
    ) throws(MetastoreError) -> MetastoreSnapshot {
        let session = try connection.query(
            "SELECT @@lower_case_table_names, CURRENT_USER(), DATABASE(), VERSION()")
        let first = session.first ?? []
        func cell(_ index: Int) -> String { index < first.count ? first[index] ?? "" : "" }

        let tables = try connection.query(
            "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME"
        ).compactMap { $0.first ?? nil }
        var columns: [String: [String]] = [:]
        for row in try connection.query(
            "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                + "ORDER BY TABLE_NAME, ORDINAL_POSITION")
        {
            guard row.count == 2, let table = row[0], let column = row[1] else { continue }
            columns[table, default: []].append(column)
        }

        var snapshot = MetastoreSnapshot(
            database: cell(2), currentUser: cell(1), serverVersion: cell(3), lowerCaseTableNames: Int(cell(0)) ?? 0,
            tables: tables, columns: columns, versionRows: nil, grants: .success([]), hiveCatalog: nil,
            existingDatabases: nil)

        if let version = snapshot.table("VERSION"), snapshot.hasColumn("VERSION", "SCHEMA_VERSION") {
            snapshot.versionRows = Result { () throws(MetastoreError) in
                try connection.query("SELECT SCHEMA_VERSION FROM \(quote(version))").map { $0.first ?? nil }
            }
        }
        snapshot.grants = Result { () throws(MetastoreError) in
            try connection.query("SHOW GRANTS").compactMap { $0.first ?? nil }
        }
        if let catalogs = snapshot.table("CTLGS") {
            snapshot.hiveCatalog = Result { () throws(MetastoreError) in
                let rows = try connection.query(
                    "SELECT NAME, LOCATION_URI FROM \(quote(catalogs)) WHERE NAME = 'hive'")
                return rows.first.map { CatalogRow(name: $0[0] ?? "", locationURI: $0[1] ?? "") }
            }
        }
        if let dbs = snapshot.table("DBS") {
            snapshot.existingDatabases = Result { () throws(MetastoreError) in
                // Hive keeps database names lower-case.
                let names = plannedDatabases.map { connection.literal($0.lowercased()) }
                guard !names.isEmpty else { return [] }
                var sql = "SELECT NAME, DB_LOCATION_URI FROM \(quote(dbs)) WHERE NAME IN (\(names.joined(separator: ", ")))"
                if snapshot.hasColumn("DBS", "CTLG_NAME") { sql += " AND CTLG_NAME = 'hive'" }
                return try connection.query(sql + " ORDER BY NAME").map {
                    ExistingDatabase(name: $0[0] ?? "", location: $0[1] ?? "")
                }
            }
        }
        return snapshot
    }

    static func quote(_ identifier: String) -> String {
        "`" + identifier.replacingOccurrences(of: "`", with: "``") + "`"
    }
}
