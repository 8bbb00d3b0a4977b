import PipelineDSL

/// The immutable result of planning: everything the runner needs, nothing it has to look up again.
/// Steps → waves → tasks; a task is one engine invocation (or a command / built-in action).
public struct Plan: Sendable, Hashable, Codable {
    public var pipeline: String
    public var product: String
    /// The pipeline file as given on the command line.
    public var file: String
    public var profile: String?
    /// The SQL root folder, resolved against the pipeline file's folder.
    public var sqlRoot: String
    public var run: RunParameters
    /// Every variable with its final value and where the value came from.
    public var variables: [ResolvedVariable]
    public var engines: EngineSettings
    public var metastore: MetastoreSettings?
    public var steps: [PlanStep]
    /// The `metrics { }` block, resolved; nil: no metrics.
    public var metrics: MetricsSettings?

    public init(
        pipeline: String, product: String, file: String, profile: String?, sqlRoot: String,
        run: RunParameters, variables: [ResolvedVariable], engines: EngineSettings,
        metastore: MetastoreSettings?, steps: [PlanStep], metrics: MetricsSettings? = nil
    ) {
        self.pipeline = pipeline
        self.product = product
        self.file = file
        self.profile = profile
        self.sqlRoot = sqlRoot
        self.run = run
        self.variables = variables
        self.engines = engines
        self.metastore = metastore
        self.steps = steps
        self.metrics = metrics
    }

    public func step(named name: String) -> PlanStep? { steps.first { $0.name == name } }
}

/// Supplied by the caller (EMR's launcher appends these to the step arguments).
public struct RunParameters: Sendable, Hashable, Codable {
    public var correlationID: String
    public var s3Prefix: String
    public var snapshotType: String
    /// `YYYY-MM-DD`; the planner defaults it to today (UTC) when the caller gives none.
    public var exportDate: String

    public init(correlationID: String, s3Prefix: String, snapshotType: String, exportDate: String) {
        self.correlationID = correlationID
        self.s3Prefix = s3Prefix
        self.snapshotType = snapshotType
        self.exportDate = exportDate
    }
}

public struct ResolvedVariable: Sendable, Hashable, Codable {
    public enum Source: Sendable, Hashable, Codable {
        case pipelineDefault(SourceLocation)
        case profile(String, SourceLocation)
        case environment(String)
        case commandLine
        case runParameter
        case builtin
    }

    public var name: String
    public var value: String
    public var source: Source
    /// Secret values are masked wherever a plan is printed.
    public var isSecret: Bool

    public init(name: String, value: String, source: Source, isSecret: Bool = false) {
        self.name = name
        self.value = value
        self.source = source
        self.isSecret = isSecret
    }
}

public struct PlanStep: Sendable, Hashable, Codable {
    public var index: Int
    public var name: String
    public var disposition: StepDisposition
    public var onFailure: FailurePolicy
    /// Runs after an earlier failure too (flush steps); never hides that failure.
    public var always: Bool
    public var parallelism: Int
    public var retry: RetryPolicy
    /// Per-task timeout in seconds; nil means none.
    public var timeoutSeconds: Double?
    public var resume: ResumeGranularity
    public var waves: [PlanWave]
    public var location: SourceLocation

    public init(
        index: Int, name: String, disposition: StepDisposition, onFailure: FailurePolicy, always: Bool,
        parallelism: Int, retry: RetryPolicy, timeoutSeconds: Double?, resume: ResumeGranularity,
        waves: [PlanWave], location: SourceLocation
    ) {
        self.index = index
        self.name = name
        self.disposition = disposition
        self.onFailure = onFailure
        self.always = always
        self.parallelism = parallelism
        self.retry = retry
        self.timeoutSeconds = timeoutSeconds
        self.resume = resume
        self.waves = waves
        self.location = location
    }

    public var tasks: [PlanTask] { waves.flatMap(\.tasks) }
}

public enum StepDisposition: Sendable, Hashable, Codable {
    case run
    /// The `when` condition is false; the string is the condition as written, with its values.
    case skippedCondition(String)
    /// Excluded by `--from` / `--only`.
    case skippedSelection(String)
    /// A previous run of this correlation id got past this step; we resume later.
    case skippedCompleted(previousRunID: Int)

    public var willRun: Bool { if case .run = self { true } else { false } }
}

public enum FailurePolicy: String, Sendable, Hashable, Codable {
    /// Fail the run; later steps are skipped except `always` steps.
    case stop
    /// EMR's ActionOnFailure CONTINUE: the later steps run, but the run is FAILED at the first failed step (as
    /// the original recorded it), never COMPLETED.
    case `continue`
    /// A non-critical step (metrics, flushes): all its tasks run; a failure is recorded (`Continued_Failures`)
    /// and does not fail the run.
    case ignore
}

public enum ResumeGranularity: String, Sendable, Hashable, Codable {
    /// The original's behaviour: a resumed step runs all its tasks again.
    case step
    /// The step's HQL is idempotent: a resumed step skips tasks that already succeeded.
    case task
}

public struct RetryPolicy: Sendable, Hashable, Codable {
    public enum Backoff: String, Sendable, Hashable, Codable { case fixed, exponential }

    /// Total attempts including the first (1 = no retry).
    public var attempts: Int
    public var delaySeconds: Double
    public var backoff: Backoff
    /// Upper bound for exponential backoff.
    public var maxDelaySeconds: Double
    /// Full jitter on the exponential delay, so parallel retries do not stampede.
    public var jitter: Bool

    public init(attempts: Int, delaySeconds: Double, backoff: Backoff = .fixed, maxDelaySeconds: Double = 300, jitter: Bool = true) {
        self.attempts = attempts
        self.delaySeconds = delaySeconds
        self.backoff = backoff
        self.maxDelaySeconds = maxDelaySeconds
        self.jitter = jitter
    }

    /// The delay before attempt `attempt + 1` (attempt counts from 1), before jitter.
    public func delay(after attempt: Int) -> Double {
        switch backoff {
        case .fixed: return delaySeconds
        case .exponential:
            let factor = Double(1 << min(max(attempt - 1, 0), 30))
            return min(delaySeconds * factor, maxDelaySeconds)
        }
    }
}

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

public enum EngineKind: String, Sendable, Hashable, Codable, CaseIterable {
    case hive, beeline
    /// The native HiveServer2 client, inside the runner: no process per task.
    case hiveserver2
}

public struct EngineSettings: Sendable, Hashable, Codable {
    /// argv prefix for the hive engine, e.g. `["hive"]` or `["scripts/hive-spark"]`.
    public var hiveCommand: [String]
    public var beelineCommand: [String]
    public var jdbcURL: String
    public var beelineUser: String
    /// Passed as `-w FILE`; the password itself never reaches an argv.
    public var beelinePasswordFile: String?
    /// The `hiveserver2 { }` block's entries; absent ones fall back to the beeline settings (`hiveServer2`).
    public var hiveServer2URL: String?
    public var hiveServer2User: String?
    public var hiveServer2PasswordFile: String?
    /// A PEM CA bundle for `ssl=true` URLs (the system's trust store otherwise).
    public var hiveServer2CA: String?

    public init(hiveCommand: [String] = ["hive"], beelineCommand: [String] = ["beeline"], jdbcURL: String = "jdbc:hive2://localhost:10000/default", beelineUser: String = "hadoop", beelinePasswordFile: String? = nil) {
        self.hiveCommand = hiveCommand
        self.beelineCommand = beelineCommand
        self.jdbcURL = jdbcURL
        self.beelineUser = beelineUser
        self.beelinePasswordFile = beelinePasswordFile
    }
}

/// Where the Hive metastore database is, for the preflight. The password is never here: only where to read it.
public struct MetastoreSettings: Sendable, Hashable, Codable {
    public var host: String?
    public var port: Int?
    public var database: String?
    public var user: String?
    public var passwordFile: String?
    public var passwordEnvironment: String?
    public var optionFile: String?
    public var secretID: String?
    public var tls: Bool
    public var tlsCA: String?

    public init(host: String? = nil, port: Int? = nil, database: String? = nil, user: String? = nil, passwordFile: String? = nil, passwordEnvironment: String? = nil, optionFile: String? = nil, secretID: String? = nil, tls: Bool = false, tlsCA: String? = nil) {
        self.host = host
        self.port = port
        self.database = database
        self.user = user
        self.passwordFile = passwordFile
        self.passwordEnvironment = passwordEnvironment
        self.optionFile = optionFile
        self.secretID = secretID
        self.tls = tls
        self.tlsCA = tlsCA
    }
}
