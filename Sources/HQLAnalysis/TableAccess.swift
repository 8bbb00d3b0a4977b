/// One occurrence of a table (or view) that a statement reads or writes.
public struct TableAccess: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case read, write
    }

    public var kind: Kind
    /// Normalised name: lower-case, backticks removed, `db.table`; qualified by a preceding `USE db`;
    /// `default.t` is written `t` so both spellings compare equal.
    public var table: String
    /// Where the name starts in the original file (a name produced by substitution points at its `${`).
    public var position: TextPosition
    /// 0-based `;`-separated statement.
    public var statement: Int

    public init(kind: Kind, table: String, position: TextPosition, statement: Int) {
        self.kind = kind
        self.table = table
        self.position = position
        self.statement = statement
    }
}

/// A `SET key=value` statement: Hive applies it to the statements after it.
public struct SetCommand: Sendable, Hashable, Codable {
    /// `.hivevar` for `SET hivevar:x=..`, otherwise `.hiveconf` (`SET x=..` and `SET hiveconf:x=..`).
    public var namespace: VariableNamespace
    public var key: String
    public var value: String
    public var position: TextPosition
    public var statement: Int

    public init(namespace: VariableNamespace, key: String, value: String, position: TextPosition, statement: Int) {
        self.namespace = namespace
        self.key = key
        self.value = value
        self.position = position
        self.statement = statement
    }
}
