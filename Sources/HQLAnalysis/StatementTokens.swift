/// Helpers over one statement's tokens for `TableInference`: keyword tests, names, paren matching.
struct StatementTokens {
    struct Name {
        var parts: [String]
        /// Offset of the first token, in the scanned text.
        var start: Int
        /// Token index of the first part, and just after the name.
        var first: Int
        var next: Int
    }

    let tokens: [HQLToken]
    /// For each `(`, the index of its `)` (or the end when unbalanced).
    let closing: [Int: Int]

    init(_ tokens: [HQLToken]) {
        self.tokens = tokens
        var closing: [Int: Int] = [:]
        var stack: [Int] = []
        for (i, token) in tokens.enumerated() {
            if token.isSymbol("(") {
                stack.append(i)
            } else if token.isSymbol(")"), let open = stack.popLast() {
                closing[open] = i
            }
        }
        for open in stack { closing[open] = tokens.count }
        self.closing = closing
    }

    /// Functions whose arguments use FROM without naming a table.
    static let fromFunctions: Set<String> = ["extract", "trim", "substring", "substr", "overlay", "position"]

    /// Words that end a table reference instead of being its alias.
    static let clauseWords: Set<String> = [
        "select", "where", "group", "order", "sort", "cluster", "distribute", "having", "limit", "join", "inner",
        "left", "right", "full", "outer", "cross", "semi", "anti", "natural", "on", "using", "lateral", "union",
        "insert", "window", "tablesample", "except", "intersect", "minus", "into", "values", "set", "partition",
        "when", "then", "else", "end", "with", "from", "as", "qualify", "pivot", "unpivot", "and", "or", "not",
        "like", "stored", "row", "location", "tblproperties", "comment", "clustered", "partitioned", "skewed",
        "if",
    ]

    /// Words that start a query in parentheses.
    static let queryStarts: Set<String> = ["select", "with", "values", "from", "table", "map", "reduce"]

    /// Words that cannot start a table name.
    static let nonNames: Set<String> = ["select", "values", "table", "with", "if", "lateral", "unnest"]

    func keyword(_ i: Int) -> String? { i >= 0 && i < tokens.count ? tokens[i].keyword : nil }

    func isSymbol(_ i: Int, _ scalar: Unicode.Scalar) -> Bool { i >= 0 && i < tokens.count && tokens[i].isSymbol(scalar) }

    func index(of keyword: String, after i: Int) -> Int? {
        var j = i + 1
        while j < tokens.count {
            if tokens[j].keyword == keyword { return j }
            j += 1
        }
        return nil
    }

    /// `name` or `db.name`, words or backticked; `nil` if `i` does not start one.
    func tableName(at i: Int) -> Name? {
        // Clause keywords are never table names: that also keeps every FROM's comma list from running into the next.
        let word = keyword(i) ?? ""
        guard i < tokens.count, isNamePart(i), !Self.nonNames.contains(word), !Self.clauseWords.contains(word) else { return nil }
        var parts = [tokens[i].text]
        var j = i + 1
        while isSymbol(j, "."), isNamePart(j + 1) {
            parts.append(tokens[j + 1].text)
            j += 2
        }
        return Name(parts: parts, start: tokens[i].start, first: i, next: j)
    }

    private func isNamePart(_ i: Int) -> Bool {
        i < tokens.count && !tokens[i].text.isEmpty && (tokens[i].kind == .word || tokens[i].kind == .quotedIdentifier)
    }

    /// After `CREATE`: `[OR REPLACE] [EXTERNAL|TEMPORARY|...] TABLE|VIEW [IF NOT EXISTS] name [LIKE other]`;
    /// `temporary`: the name is the session's own.
    func createTarget(after i: Int) -> (found: [(TableAccess.Kind, Name)], temporary: Bool) {
        var j = i + 1
        let modifiers: Set<String> = ["or", "replace", "external", "temporary", "transactional", "managed", "materialized", "global", "local"]
        var temporary = false
        while let word = keyword(j), modifiers.contains(word) {
            if word == "temporary" { temporary = true }
            j += 1
        }
        guard keyword(j) == "table" || keyword(j) == "view" else { return ([], false) }
        j = skipIfExists(j + 1)
        guard let name = tableName(at: j) else { return ([], false) }
        var found: [(TableAccess.Kind, Name)] = [(.write, name)]
        if keyword(name.next) == "like", let source = tableName(at: name.next + 1) { found.append((.read, source)) }
        return (found, temporary)
    }

    /// After `INSERT`: `INTO [TABLE] name` or `OVERWRITE [TABLE] name` (not `OVERWRITE [LOCAL] DIRECTORY`).
    func insertTarget(after i: Int) -> Name? {
        guard keyword(i + 1) == "into" || keyword(i + 1) == "overwrite" else { return nil }
        var j = i + 2
        if keyword(j) == "table" { j += 1 } else if keyword(j) == "local" || keyword(j) == "directory" { return nil }
        return tableName(at: j)
    }

    /// After DROP/ALTER: `TABLE|VIEW|MATERIALIZED VIEW [IF EXISTS] name`.
    func objectName(after i: Int, kinds: Set<String>) -> Name? {
        var j = i + 1
        if keyword(j) == "materialized" { j += 1 }
        guard let kind = keyword(j), kinds.contains(kind) else { return nil }
        return tableName(at: skipIfExists(j + 1))
    }

    /// `INSERT OVERWRITE [LOCAL] DIRECTORY ...`: writes files, not a table.
    func insertsIntoDirectory(after i: Int) -> Bool {
        keyword(i + 1) == "overwrite" && (keyword(i + 2) == "directory" || keyword(i + 2) == "local" && keyword(i + 3) == "directory")
    }

    /// The index of the first token at or after `j` that is not one of `words`.
    func skipping(_ words: Set<String>, from j: Int) -> Int {
        var j = j
        while let word = keyword(j), words.contains(word) { j += 1 }
        return j
    }

    func skipIfExists(_ j: Int) -> Int {
        var j = j
        if keyword(j) == "if" {
            j += 1
            if keyword(j) == "not" { j += 1 }
            if keyword(j) == "exists" { j += 1 }
        }
        return j
    }

    /// Table references after FROM/JOIN/USING: `t [AS] [alias]`, `(subquery) [alias]`, comma-separated.
    /// Subqueries are skipped here: their own FROMs are found when the scan reaches them.
    func tableList(at i: Int) -> [Name] {
        var names: [Name] = []
        var j = i
        while j < tokens.count {
            if isSymbol(j, "(") {
                // `(a JOIN b ON ...)` is a table reference in parentheses; `(SELECT ...)` a subquery, whose own
                // FROMs are found when the scan reaches them.
                if !Self.queryStarts.contains(keyword(j + 1) ?? ""), !isSymbol(j + 1, "(") { names += tableList(at: j + 1) }
                j = (closing[j] ?? tokens.count) + 1
            } else if let name = tableName(at: j), !isSymbol(name.next, "(") {
                names.append(name)
                j = name.next
            } else {
                break
            }
            if keyword(j) == "as" {
                j += 2
            } else if let word = keyword(j), !Self.clauseWords.contains(word) {
                j += 1
            } else if j < tokens.count, tokens[j].kind == .quotedIdentifier {
                j += 1
            }
            guard isSymbol(j, ",") else { break }
            j += 1
        }
        return names
    }

    /// Names defined by `WITH name AS (...), name2 AS (...)`; they are not tables.
    func commonTableExpressionNames() -> Set<String> {
        var names = Set<String>()
        for i in tokens.indices where tokens[i].keyword == "with" {
            var j = i + 1
            while let name = tableName(at: j), name.parts.count == 1 {
                var k = name.next
                if isSymbol(k, "(") { k = (closing[k] ?? tokens.count) + 1 }
                guard keyword(k) == "as", isSymbol(k + 1, "(") else { break }
                names.insert(name.parts[0].lowercased())
                j = (closing[k + 1] ?? tokens.count) + 1
                guard isSymbol(j, ",") else { break }
                j += 1
            }
        }
        return names
    }
}
