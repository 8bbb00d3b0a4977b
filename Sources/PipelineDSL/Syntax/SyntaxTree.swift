/// The generic shape of every line: `keyword arguments... [when EXPR] [{ block }]`. Typed meaning is given
/// later by `ASTBuilder`, so the syntax parser stays small and recovers well from errors.
public struct Directive: Sendable, Hashable {
    public var keyword: String
    public var keywordRange: SourceRange
    public var arguments: [Argument]
    public var condition: Expression?
    public var block: [Directive]?
    public var blockRange: SourceRange?

    public init(keyword: String, keywordRange: SourceRange, arguments: [Argument] = [], condition: Expression? = nil, block: [Directive]? = nil, blockRange: SourceRange? = nil) {
        self.keyword = keyword
        self.keywordRange = keywordRange
        self.arguments = arguments
        self.condition = condition
        self.block = block
        self.blockRange = blockRange
    }

    public var positional: [Expression] {
        arguments.compactMap { if case .positional(let e) = $0 { e } else { nil } }
    }

    public var named: [(key: String, keyRange: SourceRange, value: Expression)] {
        arguments.compactMap { if case .named(let k, let r, let v) = $0 { (k, r, v) } else { nil } }
    }
}

public enum Argument: Sendable, Hashable {
    case positional(Expression)
    case named(String, SourceRange, Expression)
}

public indirect enum Expression: Sendable, Hashable {
    case string(StringLiteral)
    case word(String, SourceRange)
    case number(Int, SourceRange)
    case duration(Double, String, SourceRange)
    case list([Expression], SourceRange)
    case call(String, [Expression], SourceRange)
    case not(Expression, SourceRange)
    case and(Expression, Expression)
    case or(Expression, Expression)
    case equal(Expression, Expression)
    case notEqual(Expression, Expression)

    public var range: SourceRange {
        switch self {
        case .string(let s): return s.range
        case .word(_, let r), .number(_, let r), .duration(_, _, let r), .list(_, let r), .call(_, _, let r), .not(_, let r): return r
        case .and(let l, _), .or(let l, _), .equal(let l, _), .notEqual(let l, _): return l.range
        }
    }

    /// How the expression reads back in messages (`initial_load == "true"`).
    public var source: String {
        switch self {
        case .string(let s):
            return "\"" + s.parts.map { part in
                switch part {
                case .text(let t): return t
                case .variable(let n, _): return "${\(n)}"
                }
            }.joined() + "\""
        case .word(let w, _): return w
        case .number(let n, _): return String(n)
        case .duration(_, let t, _): return t
        case .list(let items, _): return "[" + items.map(\.source).joined(separator: ", ") + "]"
        case .call(let name, let args, _): return name + "(" + args.map(\.source).joined(separator: ", ") + ")"
        case .not(let e, _): return "not " + e.source
        case .and(let l, let r): return "\(l.source) and \(r.source)"
        case .or(let l, let r): return "(\(l.source) or \(r.source))"
        case .equal(let l, let r): return "\(l.source) == \(r.source)"
        case .notEqual(let l, let r): return "\(l.source) != \(r.source)"
        }
    }
}
