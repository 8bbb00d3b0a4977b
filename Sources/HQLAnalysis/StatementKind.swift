/// What kind of statement a token list is, by its first words: whether it touches tables the inference can name,
/// none at all, or something it cannot read. Unknown statements are opaque: a wrong guess here would be a wrong
/// schedule, so only what is listed is trusted.
enum StatementKind: Equatable {
    case use
    /// Session-local or read-only metadata: no table is read or written for the schedule's purposes.
    case none
    /// Reads and writes the scan finds (queries, DML, table DDL).
    case tables
    case opaque(OpaqueStatement.Reason)

    /// Statements that change nothing another task can see (`SET`, `SHOW`, `ADD JAR`, `EXPLAIN` ...). `LOCK` and
    /// `UNLOCK TABLE` take and release locks; they write no data.
    static let sessionOnly: Set<String> = [
        "set", "reset", "show", "describe", "desc", "explain", "add", "list", "delete_jar", "reload", "grant", "revoke",
        "uncache", "refresh", "clear", "lock", "unlock",
    ]
    /// Statements the scan reads: queries, DML and table DDL.
    static let scanned: Set<String> = [
        "select", "with", "from", "values", "table", "map", "reduce", "insert", "truncate", "load", "update", "merge",
        "msck", "export", "import", "cache",
    ]
    /// Effects outside the tables.
    static let outside: Set<String> = ["dfs", "source", "compile", "kill", "abort"]

    init(_ view: StatementTokens, first i: Int) {
        guard let word = view.keyword(i) else {
            // `!ls`, a stray symbol, a quoted word: nothing the inference knows.
            self = view.isSymbol(i, "!") ? .opaque(.sideEffect("!command")) : .opaque(.unknownStatement(Self.words(view, i)))
            return
        }
        let next = view.keyword(i + 1)
        switch word {
        case "use":
            self = .use
        case _ where Self.outside.contains(word):
            self = .opaque(.sideEffect(view.tokens[i].text))
        case "lock" where next == "database", "unlock" where next == "database":
            self = .opaque(.database(Self.words(view, i, count: 3)))
        case _ where Self.sessionOnly.contains(word):
            self = .none
        case "delete":
            // DELETE JAR|FILE|ARCHIVE is session-local; DELETE FROM changes a table.
            self = next == "from" ? .tables : .none
        case "analyze":
            self = next == "tables" ? .opaque(.database(Self.words(view, i, count: 4))) : .tables
        case "import":
            self = view.index(of: "table", after: i) == nil ? .opaque(.sideEffect("IMPORT FROM a path")) : .tables
        case "create", "drop", "alter":
            self = Self.ddl(view, at: i)
        case _ where Self.scanned.contains(word):
            self = .tables
        default:
            self = .opaque(.unknownStatement(Self.words(view, i)))
        }
    }

    /// CREATE/DROP/ALTER: tables and views are scanned; databases are opaque; temporary functions and macros are
    /// the session's own; permanent functions are seen by every session.
    private static func ddl(_ view: StatementTokens, at i: Int) -> StatementKind {
        let object = view.skipping(["or", "replace", "external", "temporary", "transactional", "managed", "materialized", "global", "local"], from: i + 1)
        let temporary = (i + 1..<object).contains { view.keyword($0) == "temporary" }
        switch view.keyword(object) {
        case "table", "view": return .tables
        case "database", "schema":
            let name = view.skipIfExists(object + 1)
            return .opaque(.database([i, object, name].map { view.tokens[min($0, view.tokens.count - 1)].text }.joined(separator: " ")))
        case "function", "macro": return temporary ? .none : .opaque(.sideEffect(words(view, i, count: object - i + 1)))
        default: return .opaque(.unknownStatement(words(view, i)))
        }
    }

    /// The statement's first words as written, as a name for it in messages.
    static func words(_ view: StatementTokens, _ i: Int, count: Int = 2) -> String {
        view.tokens[min(i, view.tokens.count)...].prefix(count).map(\.text).joined(separator: " ")
    }
}
