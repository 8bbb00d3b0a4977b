/// A statement whose effect on tables cannot be read from its text. Scheduling by tables treats the task that runs
/// it as a barrier: everything before it finishes first, everything after it waits.
public struct OpaqueStatement: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable, Codable {
        /// A table name that still holds `${...}` after substitution (unbound, or known only on the cluster).
        case unresolvedName(String)
        /// A `${...}` standing alone in the SQL (not in a string or a name): it may expand to any clause.
        case unresolvedText(String)
        /// `CREATE|DROP|ALTER DATABASE`, `LOCK DATABASE`: every table in the database.
        case database(String)
        /// Effects outside the tables: `dfs`, `source`, `!cmd`, a permanent function, `INSERT ... DIRECTORY`.
        case sideEffect(String)
        /// A statement the inference does not know, named by its first words.
        case unknownStatement(String)
    }

    public var reason: Reason
    /// Where the statement (or the unresolved name) starts in the original file.
    public var position: TextPosition
    /// 0-based `;`-separated statement.
    public var statement: Int

    public init(reason: Reason, position: TextPosition, statement: Int) {
        self.reason = reason
        self.position = position
        self.statement = statement
    }

    /// Why, in words: "table name '${x}.t' has an unresolved variable".
    public var description: String {
        switch reason {
        case .unresolvedName(let name): "table name '\(name)' holds an unresolved variable"
        case .unresolvedText(let text): "\(text) is not resolved and may stand for any SQL"
        case .database(let what): "\(what) changes a whole database"
        case .sideEffect(let what): "\(what) acts outside the tables"
        case .unknownStatement(let words): "statement '\(words)' is not understood"
        }
    }
}
