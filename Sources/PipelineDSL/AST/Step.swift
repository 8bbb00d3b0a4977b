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
    /// `reads=[...] writes=[...] alone=true`: what the task touches beyond what its SQL shows, and whether it must
    /// run by itself (table order).
    public var tables = TaskTableOptions()

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

/// A task's own word on its tables, for table order: `reads=["db.t", ...]`, `writes=[...]` (a `${name}` is
/// interpolated; declaring either lifts the barrier a task the SQL cannot explain would be), `alone=true`.
public struct TaskTableOptions: Sendable, Hashable {
    public var reads: [StringLiteral]?
    public var writes: [StringLiteral]?
    public var alone = false

    public init(reads: [StringLiteral]? = nil, writes: [StringLiteral]? = nil, alone: Bool = false) {
        self.reads = reads
        self.writes = writes
        self.alone = alone
    }

    public var isEmpty: Bool { reads == nil && writes == nil && !alone }

    /// The union of two declarations (an `each_line` and its body).
    public func adding(_ other: TaskTableOptions) -> TaskTableOptions {
        func union(_ a: [StringLiteral]?, _ b: [StringLiteral]?) -> [StringLiteral]? {
            a == nil && b == nil ? nil : (a ?? []) + (b ?? [])
        }
        return TaskTableOptions(reads: union(reads, other.reads), writes: union(writes, other.writes), alone: alone || other.alone)
    }
}
