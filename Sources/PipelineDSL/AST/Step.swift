public struct Step: Sendable, Hashable {
    public var name: String
    public var range: SourceRange
    public var condition: Expression?
    public var always = false
    public var resume: Located<ResumeGranularity>?
    public var settings = Settings()
    public var scope = Scope()
    /// Tasks written directly in the step form one implicit wave.
    public var waves: [Wave] = []

    public init(name: String, range: SourceRange) {
        self.name = name
        self.range = range
    }
}

public struct Wave: Sendable, Hashable {
    public var name: String?
    public var range: SourceRange
    public var condition: Expression?
    public var scope = Scope()
    public var tasks: [TaskSource] = []

    public init(name: String?, range: SourceRange) {
        self.name = name
        self.range = range
    }
}

public struct TaskSource: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        case files([StringLiteral])
        case glob(StringLiteral, excluding: [StringLiteral])
        case statement(StringLiteral)
        case eachLine(EachLine)
        /// `command ARG... [env=["NAME=VALUE", "NAME"...]]`: `NAME=VALUE` sets a variable for this task only, a bare
        /// `NAME` passes the runner's own value through (children get no secret-bearing variable unless asked).
        case command([StringLiteral], environment: [StringLiteral] = [])
        case action(String, [Assignment])
    }

    public var kind: Kind
    public var range: SourceRange
    public var condition: Expression?
    /// `allow_empty=true` on a `glob` or `each_line`: matching no file / no line is expected, not an error.
    public var allowEmpty = false

    public init(kind: Kind, range: SourceRange, condition: Expression? = nil) {
        self.kind = kind
        self.range = range
        self.condition = condition
    }
}

/// `each_line "list.txt" as NAME [matching="RE"] [allow_empty=true] { ... }`: the body is instantiated once
/// per line with `${NAME}` bound. Lines go into SQL, so each must match the pattern (a Hive identifier by default).
public struct EachLine: Sendable, Hashable {
    public var listFile: StringLiteral
    public var variable: String
    /// `matching="..."`: what every line must look like (default `ValuePattern.identifier`), written where.
    public var pattern: Located<ValuePattern>?
    public var scope = Scope()
    public var body: [TaskSource] = []

    public init(listFile: StringLiteral, variable: String) {
        self.listFile = listFile
        self.variable = variable
    }
}
