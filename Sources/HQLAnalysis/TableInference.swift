/// Finds the tables a statement reads and writes from its tokens. A heuristic reading of HiveQL, not a
/// parser: it keys on the clauses that name tables and never fails. Carries `USE db` across statements.
public struct TableInference: Sendable {
    /// Set by `USE db`; qualifies unqualified names. `nil` is Hive's `default` database.
    public var currentDatabase: String?

    public init(currentDatabase: String? = nil) {
        self.currentDatabase = currentDatabase
    }

    /// Tables in one statement's tokens, in text order; `locate` maps a token offset to the original file.
    public mutating func accesses(in tokens: [HQLToken], statement: Int, locate: (Int) -> TextPosition) -> [TableAccess] {
        let view = StatementTokens(tokens)
        switch view.keyword(0) {
        case "use":
            if let name = view.tableName(at: 1) {
                currentDatabase = name.parts.joined(separator: ".").lowercased()
                if currentDatabase == "default" { currentDatabase = nil }
            }
            return []
        case "set", "show", "describe", "desc", "explain", "add", "list", "delete_jar", "reset", "dfs", "source",
             "analyze", "grant", "revoke", "lock", "unlock", "compile", "reload", "kill", "abort":
            return []
        default:
            break
        }
        var found: [(TableAccess.Kind, StatementTokens.Name)] = []
        let ctes = view.commonTableExpressionNames()
        var consumedFrom = Set<Int>()
        var openParens: [Int] = []
        for i in tokens.indices {
            let token = tokens[i]
            if token.isSymbol("(") { openParens.append(i); continue }
            if token.isSymbol(")") { _ = openParens.popLast(); continue }
            guard let keyword = token.keyword else { continue }
            switch keyword {
            case "create":
                found += view.createTarget(after: i)
            case "insert":
                if let name = view.insertTarget(after: i) { found.append((.write, name)) }
            case "drop", "alter":
                if let name = view.objectName(after: i, kinds: ["table", "view"]) { found.append((.write, name)) }
            case "truncate":
                var j = i + 1
                if view.keyword(j) == "table" { j += 1 }
                if let name = view.tableName(at: j) { found.append((.write, name)) }
            case "rename":
                if view.keyword(i + 1) == "to", let name = view.tableName(at: i + 2) { found.append((.write, name)) }
            case "load" where i == 0:
                if let into = view.index(of: "into", after: i), view.keyword(into + 1) == "table",
                   let name = view.tableName(at: into + 2) { found.append((.write, name)) }
            case "update" where i == 0:
                if let name = view.tableName(at: 1) { found.append((.write, name)) }
            case "delete" where view.keyword(i + 1) == "from":
                consumedFrom.insert(i + 1)
                if let name = view.tableName(at: i + 2) { found.append((.write, name)) }
            case "merge" where i == 0 && view.keyword(1) == "into":
                if let name = view.tableName(at: i + 2) { found.append((.write, name)) }
                if let using = view.index(of: "using", after: i) {
                    found += view.tableList(at: using + 1).map { (.read, $0) }
                }
            case "from":
                guard !consumedFrom.contains(i) else { continue }
                // EXTRACT(x FROM d), TRIM(BOTH ' ' FROM s), ...: not a table.
                if let open = openParens.last, let function = view.keyword(open - 1),
                   StatementTokens.fromFunctions.contains(function) { continue }
                found += view.tableList(at: i + 1).map { (.read, $0) }
            case "join":
                found += view.tableList(at: i + 1).map { (.read, $0) }
            default:
                continue
            }
        }
        // Subqueries are reached after the clause that contains them: restore text order.
        found.sort { $0.1.start < $1.1.start }
        return found.compactMap { kind, name in
            let table = qualified(name.parts)
            if kind == .read, name.parts.count == 1, ctes.contains(table) || ctes.contains(name.parts[0].lowercased()) {
                return nil
            }
            return TableAccess(kind: kind, table: table, position: locate(name.start), statement: statement)
        }
    }

    func qualified(_ parts: [String]) -> String {
        var parts = parts.map { $0.lowercased() }
        if parts.count == 1, let database = currentDatabase { parts.insert(database, at: 0) }
        if parts.count == 2, parts[0] == "default" { parts.removeFirst() }
        return parts.joined(separator: ".")
    }
}
