import Foundation

extension MetastoreChecker {
    /// Hive's metastore user reads and writes rows; DDL rights are only for schematool.
    static let neededPrivileges = ["SELECT", "INSERT", "UPDATE", "DELETE"]

    func checkPrivileges(_ snapshot: MetastoreSnapshot) -> PreflightResult {
        let lines: [String]
        switch snapshot.grants {
        case .failure(let error):
            return PreflightResult(.privileges, .warn, "cannot read SHOW GRANTS: \(error)", remedy: "check the user's grants by hand")
        case .success(let value): lines = value
        }
        let grants = lines.compactMap(GrantParser.parse)
        let caseSensitive = snapshot.lowerCaseTableNames == 0
        let database = snapshot.database
        var broad: Set<String> = []
        var perTable: [String: Set<String>] = [:]
        for grant in grants {
            switch grant.scope {
            case .global: broad.formUnion(grant.privileges)
            case .database(let pattern):
                if GrantParser.pattern(pattern, matches: database, caseSensitive: caseSensitive) {
                    broad.formUnion(grant.privileges)
                }
            case .table(let db, let table):
                if caseSensitive ? db == database : db.caseInsensitiveCompare(database) == .orderedSame {
                    let key = caseSensitive ? table : table.lowercased()
                    perTable[key, default: []].formUnion(grant.privileges)
                }
            }
        }
        func has(_ privileges: Set<String>, _ privilege: String) -> Bool {
            privileges.contains("ALL") || privileges.contains(privilege)
        }
        // A privilege is missing when some metastore table lacks it (all of them when the database is empty).
        let tables = snapshot.tables.map { caseSensitive ? $0 : $0.lowercased() }
        let missing = Self.neededPrivileges.filter { privilege in
            if has(broad, privilege) { return false }
            guard !tables.isEmpty else { return true }
            return tables.contains { !has(perTable[$0] ?? [], privilege) }
        }
        let user = snapshot.currentUser
        if missing.isEmpty {
            return PreflightResult(
                .privileges, .pass, "\(user) can \(Self.neededPrivileges.joined(separator: ", ")) on \(database)")
        }
        let what = missing == ["SELECT"] ? "read" : missing.contains("SELECT") ? "read or write" : "write"
        return PreflightResult(
            .privileges, .warn,
            "\(user) lacks \(missing.joined(separator: ", ")) on \(database): Hive cannot \(what) the metastore as this user",
            remedy: "GRANT \(missing.joined(separator: ", ")) ON `\(database)`.* to the metastore user, or use the writer user")
    }

    func checkCatalog(_ snapshot: MetastoreSnapshot) -> PreflightResult {
        switch snapshot.hiveCatalog {
        case nil:
            return PreflightResult(.catalog, .skipped, "no CTLGS table (catalogs arrived with Hive 3.0)")
        case .failure(let error)?:
            return PreflightResult(.catalog, .warn, "cannot read CTLGS: \(error)", remedy: "grant SELECT on the metastore")
        case .success(nil)?:
            return PreflightResult(
                .catalog, .warn, "no `hive` row in CTLGS: Hive 3 looks every database up in that catalog",
                remedy: "rebuild it with Hive 3 schematool, which creates the `hive` catalog")
        case .success(let row?)?:
            return PreflightResult(.catalog, .pass, "catalog hive at \(row.locationURI)")
        }
    }

    func checkDatabases(_ snapshot: MetastoreSnapshot) -> PreflightResult {
        guard !plannedDatabases.isEmpty else {
            return PreflightResult(.databases, .pass, "the plan creates no databases")
        }
        switch snapshot.existingDatabases {
        case nil:
            return PreflightResult(
                .databases, .skipped, "no DBS table; the plan creates \(plannedDatabases.joined(separator: ", "))")
        case .failure(let error)?:
            return PreflightResult(.databases, .warn, "cannot read DBS: \(error)", remedy: "grant SELECT on the metastore")
        case .success(let existing)?:
            let found = Set(existing.map { $0.name.lowercased() })
            let new = plannedDatabases.filter { !found.contains($0.lowercased()) }
            guard !existing.isEmpty else {
                return PreflightResult(.databases, .pass, "none of the plan's \(plannedDatabases.count) databases exist yet")
            }
            var reason = "\(existing.count) of \(plannedDatabases.count) planned databases exist: "
                + existing.map { "\($0.name) at \($0.location)" }.joined(separator: ", ")
            if !new.isEmpty { reason += "; new: \(new.joined(separator: ", "))" }
            return PreflightResult(.databases, .pass, reason)
        }
    }
}
