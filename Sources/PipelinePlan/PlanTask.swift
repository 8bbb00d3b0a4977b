import PipelineDSL

public struct PlanWave: Sendable, Hashable, Codable {
    public var index: Int
    /// The wave's label in the file, or its 1-based number.
    public var name: String
    public var tasks: [PlanTask]

    public init(index: Int, name: String, tasks: [PlanTask]) {
        self.index = index
        self.name = name
        self.tasks = tasks
    }
}

public struct PlanTask: Sendable, Hashable, Codable {
    /// Stable across runs of the same plan (step name + what it runs), for task-level resume and logs.
    public var key: String
    public var work: TaskWork
    public var engine: EngineKind
    /// Ordered as inherited: pipeline, profile, step, wave (later wins on equal keys, earlier keep their place).
    public var hivevars: [KeyValue]
    public var hiveconf: [KeyValue]
    /// Where the task came from in the pipeline file.
    public var location: SourceLocation
    /// Task-level resume: this task succeeded in the failed run being resumed, so it is not run again.
    public var completedInPreviousRun: Bool
    /// An inline statement holding a secret's value: run from a private file (`-f`), never as `-e SQL`.
    public var statementIsSecret: Bool = false
    /// `command ... env=["NAME=VALUE"]`: variables set for this task only (a secret's value may go here, never in
    /// argv). Applied after the runner's rule that withholds secret-bearing variables from children.
    public var environment: [KeyValue] = []
    /// `command ... env=["NAME"]`: variables of the runner's own environment passed through although withheld.
    public var passedEnvironment: [String] = []
    /// `reads=[...]`/`writes=[...]` written on the task, names normalised; nil: none declared.
    public var declared: DeclaredTables?
    /// `alone=true`: no other task of the step runs while it does.
    public var alone = false
    /// What the task reads and writes, as the planner read its SQL plus what it declares; nil: not read (a plan
    /// built by hand). See `TaskTables`.
    public var tables: TaskTables?
    /// How long the task took in the last run recorded (its timeline), for the longest-path-first priority.
    public var expectedSeconds: Double?

    public init(key: String, work: TaskWork, engine: EngineKind, hivevars: [KeyValue], hiveconf: [KeyValue], location: SourceLocation, completedInPreviousRun: Bool = false) {
        self.key = key
        self.work = work
        self.engine = engine
        self.hivevars = hivevars
        self.hiveconf = hiveconf
        self.location = location
        self.completedInPreviousRun = completedInPreviousRun
    }
}

public enum TaskWork: Sendable, Hashable, Codable {
    /// An HQL file: the path as resolved on disk and as written relative to the SQL root.
    case hqlFile(path: String, relative: String)
    case hqlStatement(String)
    /// An argv run directly, no shell.
    case command([String])
    /// A built-in action (metrics, pushgateway, sleep, ...) implemented by the runner.
    case action(name: String, arguments: [KeyValue])
}

public struct KeyValue: Sendable, Hashable, Codable {
    public var key: String
    public var value: String
    /// The value holds a `secret` variable's value: it must never reach a process's arguments (see `EngineCommand`).
    public var isSecret: Bool

    public init(_ key: String, _ value: String, isSecret: Bool = false) {
        self.key = key
        self.value = value
        self.isSecret = isSecret
    }
}
