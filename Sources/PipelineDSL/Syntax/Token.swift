/// A lexical token. Every token carries its range so any later stage can point at it.
public struct Token: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case word(String)
        case string(StringLiteral)
        case number(Int)
        /// Seconds, and the text as written (`1h30m`).
        case duration(Double, String)
        case leftBrace, rightBrace, leftBracket, rightBracket, leftParen, rightParen
        case comma, equals, equalEqual, notEqual
        case newline
        case endOfFile
    }

    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// How the token reads in a diagnostic ("expected '}' but found 'step'").
    public var display: String {
        switch kind {
        case .word(let w): return "'\(w)'"
        case .string: return "a string"
        case .number(let n): return "'\(n)'"
        case .duration(_, let text): return "'\(text)'"
        case .leftBrace: return "'{'"
        case .rightBrace: return "'}'"
        case .leftBracket: return "'['"
        case .rightBracket: return "']'"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .comma: return "','"
        case .equals: return "'='"
        case .equalEqual: return "'=='"
        case .notEqual: return "'!='"
        case .newline: return "end of line"
        case .endOfFile: return "end of file"
        }
    }
}

/// A string literal split into text and `${name}` interpolations (Hive's `${hivevar:x}` stays text).
public struct StringLiteral: Sendable, Hashable {
    public enum Part: Sendable, Hashable {
        case text(String)
        case variable(String, SourceRange)
    }

    public var parts: [Part]
    public var range: SourceRange

    public init(parts: [Part], range: SourceRange) {
        self.parts = parts
        self.range = range
    }

    /// The literal's text when it has no interpolation.
    public var constant: String? {
        var out = ""
        for part in parts {
            guard case .text(let t) = part else { return nil }
            out += t
        }
        return out
    }

    public var referencedVariables: [(name: String, range: SourceRange)] {
        parts.compactMap { if case .variable(let n, let r) = $0 { (n, r) } else { nil } }
    }
}
