/// Table names written outside SQL (a task's `reads=`/`writes=` in a pipeline file), read as the inference reads
/// them in SQL, so both compare equal: `DB.T`, `` `db`.`t` `` and `db.t` are one table; `default.t` is `t`.
public enum TableName {
    /// The normalised name (`TableAccess.table`), or nil when the text is not one table name (empty, two names,
    /// a keyword, a `${...}` left unresolved, more than `database.table`).
    public static func normalise(_ text: String) -> String? {
        let tokens = HQLScanner().scan(Array(text.unicodeScalars)).tokens
        let view = StatementTokens(tokens)
        guard let name = view.tableName(at: 0), name.next == tokens.count, name.parts.count <= 2,
              !name.parts.contains(where: { $0.contains("${") })
        else { return nil }
        return TableInference().qualified(name.parts)
    }
}
