/// The typed pipeline, as written: no variable is resolved and no file is read yet (that is the planner's job).
public struct PipelineFile: Sendable, Hashable {
    public var path: String
    public var name: Located<String>?
    public var product: Located<String>?
    public var sqlRoot: Located<StringLiteral>?
    public var defaultProfile: Located<String>?
    /// `on_completed refuse|rerun`; absent means refuse.
    public var onCompleted: Located<CompletedRunPolicy>?
    public var settings = Settings()
    public var scope = Scope()
    public var profiles: [Profile] = []
    public var steps: [Step] = []

    public init(path: String) {
        self.path = path
    }
}

/// A value with the range it was written at.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var range: SourceRange

    public init(_ value: Value, _ range: SourceRange) {
        self.value = value
        self.range = range
    }
}

/// Declarations that inherit inwards: variables, hivevars, hiveconf.
public struct Scope: Sendable, Hashable {
    public var variables: [VariableDecl] = []
    public var hivevars: [Assignment] = []
    public var hiveconf: [Assignment] = []

    public init() {}
}

public struct VariableDecl: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case `var`, secret, param }

    public var kind: Kind
    public var name: String
    public var range: SourceRange
    /// nil for a `param` with no default.
    public var value: ValueExpr?

    public init(kind: Kind, name: String, range: SourceRange, value: ValueExpr?) {
        self.kind = kind
        self.name = name
        self.range = range
        self.value = value
    }
}

/// `hivevar name = value` / `hiveconf key = value`.
public struct Assignment: Sendable, Hashable {
    public var key: String
    public var range: SourceRange
    public var value: ValueExpr
    /// `hiveconf k = v when EXPR`: set only where EXPR holds (e.g. a logger HiveServer2 rejects).
    public var condition: Expression?

    public init(key: String, range: SourceRange, value: ValueExpr, condition: Expression? = nil) {
        self.key = key
        self.range = range
        self.value = value
        self.condition = condition
    }
}

/// A value the planner turns into a string.
public enum ValueExpr: Sendable, Hashable {
    case string(StringLiteral)
    /// A number, boolean, duration or bare word, as written.
    case literal(String, SourceRange)
    /// `env("NAME", "default")`.
    case environment(name: StringLiteral, fallback: StringLiteral?, range: SourceRange)

    public var range: SourceRange {
        switch self {
        case .string(let s): return s.range
        case .literal(_, let r): return r
        case .environment(_, _, let r): return r
        }
    }
}

public struct Profile: Sendable, Hashable {
    public var name: String
    public var range: SourceRange
    public var settings = Settings()
    public var scope = Scope()

    public init(name: String, range: SourceRange) {
        self.name = name
        self.range = range
    }
}
