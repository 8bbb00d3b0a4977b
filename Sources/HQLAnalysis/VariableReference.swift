/// Which of Hive's variable spaces a `${...}` reads.
public enum VariableNamespace: String, Sendable, Hashable, Codable, CaseIterable {
    /// `${x}`: Hive reads it from the hivevars, like `${hivevar:x}`.
    case plain
    case hivevar, hiveconf, env, system

    /// Hive semantics: `${x}` and `${hivevar:x}` read the same variables.
    public var readsHivevars: Bool { self == .plain || self == .hivevar }
}

/// Where a reference was written. Hive substitutes everywhere, but one in a comment is harmless.
public enum ReferenceContext: String, Sendable, Hashable, Codable {
    case code, string, comment
}

/// One `${...}` in the original text.
public struct VariableReference: Sendable, Hashable, Codable {
    public var namespace: VariableNamespace
    public var name: String
    /// As written, e.g. `${hivevar:model_database}`.
    public var text: String
    public var position: TextPosition
    public var context: ReferenceContext
    /// 0-based `;`-separated statement the reference is in.
    public var statement: Int

    public init(namespace: VariableNamespace, name: String, text: String, position: TextPosition, context: ReferenceContext, statement: Int) {
        self.namespace = namespace
        self.name = name
        self.text = text
        self.position = position
        self.context = context
        self.statement = statement
    }

    /// Splits the inside of `${...}` into namespace and name (prefixes are case-sensitive, as in Hive).
    static func parse(_ inner: String) -> (VariableNamespace, String) {
        for namespace in VariableNamespace.allCases where namespace != .plain {
            let prefix = namespace.rawValue + ":"
            if inner.hasPrefix(prefix), inner.count > prefix.count {
                return (namespace, String(inner.dropFirst(prefix.count)))
            }
        }
        return (.plain, inner)
    }
}
