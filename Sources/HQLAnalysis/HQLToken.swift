/// One lexical token of HQL code. Comments never become tokens; `;` ends a statement instead.
public struct HQLToken: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Identifier, keyword or number; may contain `${...}` references left after substitution.
        case word
        /// A `backtick` identifier; `text` is its content without the backticks.
        case quotedIdentifier
        /// A '…' or "…" literal; `text` is its content as written (escapes kept).
        case string
        /// Any other single scalar: `(`, `)`, `,`, `.`, `=`, ...
        case symbol
    }

    public var kind: Kind
    public var text: String
    /// Offsets into the scanned scalars: where the token starts and ends (exclusive).
    public var start: Int
    public var end: Int
    /// 0-based index of the `;`-separated statement the token belongs to.
    public var statement: Int

    public init(kind: Kind, text: String, start: Int, end: Int, statement: Int) {
        self.kind = kind
        self.text = text
        self.start = start
        self.end = end
        self.statement = statement
    }

    /// Lower-cased text of a word, `nil` for every other kind (keywords are matched case-insensitively).
    public var keyword: String? { kind == .word ? text.lowercased() : nil }

    public func isSymbol(_ scalar: Unicode.Scalar) -> Bool { kind == .symbol && text.unicodeScalars.first == scalar }
}
