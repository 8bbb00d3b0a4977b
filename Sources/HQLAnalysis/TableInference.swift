/// Finds the tables a statement reads and writes from its tokens. A heuristic reading of HiveQL, not a
/// parser: it keys on the clauses that name tables and never fails. What it cannot read (a statement it does not
/// know, a name still holding `${...}`, an effect outside the tables) it says so, as an `OpaqueStatement`.
/// Carries `USE db` across statements and the task's temporary tables and views (session-local, so never shared).
public struct TableInference: Sendable {
    /// Set by `USE db`; qualifies unqualified names. `nil` is Hive's `default` database.
    public var currentDatabase: String?
    /// Names created `TEMPORARY` so far (as written, lower-cased): not tables another task can see.
    public var temporaryNames = Set<String>()

    public init(currentDatabase: String? = nil) {
        self.currentDatabase = currentDatabase
    }

    /// What one statement touches: tables in text order, and why it cannot be read if it cannot.
    public struct Statement: Sendable, Hashable {
        public var tables: [TableAccess] = []
        public var opaque: [OpaqueStatement] = []
    }

    /// Tables in one statement's tokens, in text order; `locate` maps a token offset to the original file.
    public mutating func accesses(in tokens: [HQLToken], statement: Int, locate: (Int) -> TextPosition) -> [TableAccess] {
        analyse(tokens, statement: statement, locate: locate).tables
    }

    public mutating func analyse(_ tokens: [HQLToken], statement: Int, locate: (Int) -> TextPosition) -> Statement {
        let view = StatementTokens(tokens)
        var result = Statement()
        func opaque(_ reason: OpaqueStatement.Reason) -> Statement {
            Statement(opaque: [OpaqueStatement(reason: reason, position: locate(tokens.first?.start ?? 0), statement: statement)])
        }
        // `(SELECT ...) UNION ...`: the statement's kind is its first word.
        let first = tokens.firstIndex { !$0.isSymbol("(") } ?? 0
        switch StatementKind(view, first: first) {
        case .use:
            if let name = view.tableName(at: 1) {
                currentDatabase = name.parts.joined(separator: ".").lowercased()
                if currentDatabase == "default" { currentDatabase = nil }
            }
            return result
        case .none:
            return result
        case .opaque(let reason):
            return opaque(reason)
        case .tables:
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
                let created = view.createTarget(after: i)
                if created.temporary, let name = created.found.first?.1 { temporaryNames.insert(Self.written(name)) }
                found += created.found
            case "insert":
                if view.insertsIntoDirectory(after: i) {
                    result.opaque.append(OpaqueStatement(reason: .sideEffect("INSERT OVERWRITE DIRECTORY"), position: locate(token.start), statement: statement))
                }
                if let name = view.insertTarget(after: i) { found.append((.write, name)) }
            case "drop", "alter":
                if let name = view.objectName(after: i, kinds: ["table", "view"]) { found.append((.write, name)) }
            case "truncate", "msck", "analyze":
                if let name = view.tableName(at: view.skipping(["table", "repair"], from: i + 1)) { found.append((.write, name)) }
            case "rename":
                if view.keyword(i + 1) == "to", let name = view.tableName(at: i + 2) { found.append((.write, name)) }
            case "exchange" where view.keyword(i + 1) == "partition":
                // ALTER TABLE a EXCHANGE PARTITION (...) WITH TABLE b: the partition leaves b for a.
                if let with = view.index(of: "with", after: i), view.keyword(with + 1) == "table",
                   let name = view.tableName(at: with + 2) { found.append((.write, name)) }
            case "load" where i == 0:
                if let into = view.index(of: "into", after: i), view.keyword(into + 1) == "table",
                   let name = view.tableName(at: into + 2) { found.append((.write, name)) }
            case "import" where i == 0:
                if let table = view.index(of: "table", after: i), let name = view.tableName(at: table + 1) { found.append((.write, name)) }
            case "export" where i == 0, "cache" where i == 0:
                guard let table = view.index(of: "table", after: i), let name = view.tableName(at: table + 1) else { continue }
                // CACHE TABLE x AS SELECT ...: x is the session's own view.
                if view.keyword(name.next) == "as" { temporaryNames.insert(Self.written(name)) } else { found.append((.read, name)) }
            case "table" where i == first:
                // `TABLE t`: all of t.
                if let name = view.tableName(at: i + 1) { found.append((.read, name)) }
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
        for (kind, name) in found {
            let table = qualified(name.parts)
            let local = name.parts.count == 1 ? name.parts[0].lowercased() : nil
            if kind == .read, let local, ctes.contains(local) { continue }
            if let local, temporaryNames.contains(local) { continue }
            result.tables.append(TableAccess(kind: kind, table: table, position: locate(name.start), statement: statement))
            if name.parts.contains(where: { $0.contains("${") }) {
                result.opaque.append(OpaqueStatement(
                    reason: .unresolvedName(name.parts.joined(separator: ".")), position: locate(name.start), statement: statement))
            }
        }
        // A reference left whole in the code (not in a string, not part of a name) may expand to any clause.
        let named = Set(found.flatMap { $0.1.first..<$0.1.next })
        for (index, token) in tokens.enumerated() where token.kind == .word && !named.contains(index) && VariablePattern.isWhole(token.text) {
            result.opaque.append(OpaqueStatement(reason: .unresolvedText(token.text), position: locate(token.start), statement: statement))
        }
        return result
    }

    func qualified(_ parts: [String]) -> String {
        var parts = parts.map { $0.lowercased() }
        // Spark's name for the one catalog Hive tables live in.
        if parts.count == 3, parts[0] == "spark_catalog" { parts.removeFirst() }
        if parts.count == 1, let database = currentDatabase { parts.insert(database, at: 0) }
        if parts.count == 2, parts[0] == "default" { parts.removeFirst() }
        return parts.joined(separator: ".")
    }

    /// A one-part name as written, for matching temporary names; nil for a qualified name (never temporary).
    static func written(_ name: StatementTokens.Name) -> String {
        name.parts.count == 1 ? name.parts[0].lowercased() : "\u{0}"
    }
}

extension VariablePattern {
    /// The whole text is one `${...}`.
    static func isWhole(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        return match(scalars, at: 0) == scalars.count
    }
}
