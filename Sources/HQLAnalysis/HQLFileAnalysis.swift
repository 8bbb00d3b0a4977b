/// Everything `check` needs to know about one HQL file or statement, for one set of variables.
public struct HQLFileAnalysis: Sendable {
    /// Every `${...}` in the original text, in order.
    public var references: [VariableReference]
    /// `SET` statements, after substitution, in order.
    public var settings: [SetCommand]
    /// Tables read and written, after substitution, in text order.
    public var tables: [TableAccess]
    /// `CREATE DATABASE|SCHEMA [IF NOT EXISTS] name`, after substitution, lower-cased (Hive's names), in order.
    public var createdDatabases: [String]
    /// Statements whose effect on tables the inference cannot read, in text order.
    public var opaque: [OpaqueStatement]
    public var statementCount: Int

    public init(
        references: [VariableReference], settings: [SetCommand], tables: [TableAccess], createdDatabases: [String] = [],
        opaque: [OpaqueStatement] = [], statementCount: Int
    ) {
        self.references = references
        self.settings = settings
        self.tables = tables
        self.createdDatabases = createdDatabases
        self.opaque = opaque
        self.statementCount = statementCount
    }

    /// Analyses `source` as Hive's CLI runs it: split into statements on `;` first, then each statement
    /// substituted with the variables as they are at that point (a `SET` changes them for later statements).
    public init(source: String, variables: HiveVariables) {
        let text = HQLText(source)
        let scanner = HQLScanner()
        let original = scanner.scan(text.scalars)
        references = Self.references(in: text, scan: original)

        var variables = variables
        var settings: [SetCommand] = []
        var tables: [TableAccess] = []
        var databases: [String] = []
        var opaque: [OpaqueStatement] = []
        var inference = TableInference()
        var start = 0
        let ends = original.statementEnds + [text.scalars.count]
        for (index, end) in ends.enumerated() {
            defer { start = end + 1 }
            guard start < end else { continue }
            let substituted = SubstitutedText.substitute(text, range: start..<end, variables: variables)
            let tokens = scanner.scan(substituted.scalars).tokens
            guard !tokens.isEmpty else { continue }
            let locate = { (offset: Int) in text.position(of: substituted.origin(of: offset)) }
            if let set = Self.setCommand(tokens, substituted, statement: index, locate: locate) {
                settings.append(set)
                if set.namespace == .hivevar { variables.hivevars[set.key] = set.value } else { variables.hiveconf[set.key] = set.value }
                continue
            }
            if let database = Self.createdDatabase(tokens) { databases.append(database) }
            let found = inference.analyse(tokens, statement: index, locate: locate)
            tables += found.tables
            opaque += found.opaque
        }
        self.settings = settings
        self.tables = tables
        self.opaque = opaque
        createdDatabases = databases
        statementCount = ends.count
    }

    static func references(in text: HQLText, scan: HQLScanner.Result) -> [VariableReference] {
        var found: [VariableReference] = []
        let s = text.scalars
        var i = 0
        while i < s.count {
            guard let end = VariablePattern.match(s, at: i) else { i += 1; continue }
            let (namespace, name) = VariableReference.parse(text.string((i + 2)..<(end - 1)))
            found.append(VariableReference(
                namespace: namespace, name: name, text: text.string(i..<end), position: text.position(of: i),
                context: scan.context(at: i), statement: scan.statement(at: i)))
            i = end
        }
        return found
    }

    /// The name in `CREATE DATABASE|SCHEMA [IF NOT EXISTS] name ...`, or nil for any other statement.
    static func createdDatabase(_ tokens: [HQLToken]) -> String? {
        guard tokens.count >= 3, tokens[0].keyword == "create", tokens[1].keyword == "database" || tokens[1].keyword == "schema" else { return nil }
        var i = 2
        if tokens.count > i + 2, tokens[i].keyword == "if", tokens[i + 1].keyword == "not", tokens[i + 2].keyword == "exists" { i += 3 }
        guard i < tokens.count, tokens[i].kind == .word || tokens[i].kind == .quotedIdentifier else { return nil }
        return tokens[i].text.lowercased()
    }

    /// `SET [hivevar:|hiveconf:]key = value`; `SET` alone or `SET -v` are not assignments.
    static func setCommand(_ tokens: [HQLToken], _ text: SubstitutedText, statement: Int, locate: (Int) -> TextPosition) -> SetCommand? {
        guard tokens.count >= 3, tokens[0].keyword == "set",
              let equals = tokens.firstIndex(where: { $0.isSymbol("=") }), equals > 1 else { return nil }
        let rawKey = String(String.UnicodeScalarView(text.scalars[tokens[1].start..<tokens[equals].start]))
            .trimmingWhitespace()
        let value = String(String.UnicodeScalarView(text.scalars[tokens[equals].end..<text.scalars.count]))
            .trimmingWhitespace()
        var namespace = VariableNamespace.hiveconf
        var key = rawKey
        if rawKey.hasPrefix("hivevar:") {
            namespace = .hivevar
            key = String(rawKey.dropFirst(8))
        } else if rawKey.hasPrefix("hiveconf:") {
            key = String(rawKey.dropFirst(9))
        }
        guard !key.isEmpty else { return nil }
        return SetCommand(namespace: namespace, key: key, value: value, position: locate(tokens[0].start), statement: statement)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
