/// Settings that layer: pipeline header, then profile, then step. nil means "inherit".
public struct Settings: Sendable, Hashable {
    public var engine: Located<EngineKind>?
    public var parallelism: Located<Int>?
    /// `parallelism "${name}"`: resolved by the planner once the profile's variables are known, so one step can
    /// take a per-environment figure that differs from the profile's default (pdm.pipe's `transactional`).
    public var parallelismValue: Located<ValueExpr>?
    public var retry = RetrySettings()
    public var timeout: Located<Timeout>?
    public var onFailure: Located<FailurePolicy>?
    public var order: Located<TaskOrder>?
    public var hiveCommand: Located<[ValueExpr]>?
    public var beeline = BeelineSettings()
    public var hiveServer2 = HiveServer2Settings()
    public var metastore: MetastoreBlock?
    public var metrics: MetricsBlock?

    public init() {}
}

/// The engine a task runs on (`engine NAME`, `--engine`): one enum for the language, the plan and the runner.
public enum EngineKind: String, Sendable, Hashable, Codable, CaseIterable {
    case hive, beeline
    /// The native HiveServer2 client, inside the runner: no process per task.
    case hiveserver2
}

/// What a step's failure does (`on_failure`). `ignore` is only for a step: it says what that step is (not critical),
/// not a policy for a profile.
public enum FailurePolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// The run fails there; later steps are skipped (`always` ones aside).
    case stop
    /// EMR's ActionOnFailure CONTINUE: the later steps run, but the run is FAILED at the first failed step (as the
    /// original recorded it), never COMPLETED.
    case `continue`
    /// A non-critical step (metrics, flushes): all its tasks run; a failure is recorded (`Continued_Failures`) and
    /// does not fail the run.
    case ignore
}

/// What `run` does when the state store says the correlation id's run is already COMPLETED (`on_completed`).
public enum CompletedRunPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Exit 3 (state conflict) unless `--force`: a repeated trigger does not redo finished work.
    case refuse
    /// The original PDM's rule: a new trigger runs the pipeline again from its first step, Run_Id + 1.
    case rerun
}

/// What a resumed step runs again (`resume`).
public enum ResumeGranularity: String, Sendable, Hashable, Codable, CaseIterable {
    /// The original's behaviour: a resumed step runs all its tasks again.
    case step
    /// The step's HQL is idempotent: a resumed step skips tasks that already succeeded.
    case task
}

/// How a step orders its tasks (`order`).
public enum TaskOrder: String, Sendable, Hashable, Codable, CaseIterable {
    /// Each wave is a barrier: a wave starts when the one before it has finished (the original's way).
    case waves
    /// A task starts once the tasks writing the tables it reads have finished; waves only group tasks for display.
    case tables
}

public enum Timeout: Sendable, Hashable {
    case none
    case seconds(Double)
}

/// How the delay between attempts grows (`retry ... backoff=`).
public enum RetryBackoff: String, Sendable, Hashable, Codable, CaseIterable { case fixed, exponential }

public struct RetrySettings: Sendable, Hashable {
    public var attempts: Located<Int>?
    public var delay: Located<Double>?
    public var backoff: Located<RetryBackoff>?
    public var maxDelay: Located<Double>?
    public var jitter: Located<Bool>?

    public init() {}
}

public struct BeelineSettings: Sendable, Hashable {
    public var command: Located<[ValueExpr]>?
    public var url: Located<ValueExpr>?
    public var user: Located<ValueExpr>?
    public var passwordFile: Located<ValueExpr>?

    public init() {}
}

/// `hiveserver2 { url ...; user ...; password_file ...; ca ...; allow_plaintext_password true }`: the native
/// engine's connection; an entry it does not set falls back to the `beeline` block's (url, user, password_file).
public struct HiveServer2Settings: Sendable, Hashable {
    public static let keys = ["url", "user", "password_file", "ca", "allow_plaintext_password"]

    public var url: Located<ValueExpr>?
    public var user: Located<ValueExpr>?
    public var passwordFile: Located<ValueExpr>?
    public var ca: Located<ValueExpr>?
    /// Send the password without TLS (SASL PLAIN carries it in clear): an explicit choice, warned about.
    public var allowPlaintextPassword: Located<ValueExpr>?

    public init() {}
}

/// `metastore { ... }`: values by key, resolved by the planner.
public struct MetastoreBlock: Sendable, Hashable {
    public enum Key: String, Sendable, Hashable, CaseIterable {
        case host, port, database, user, tls, ca
        case passwordFile = "password_file", passwordEnv = "password_env", optionFile = "option_file", secretID = "secret_id"
    }

    public static let keys = Key.allCases.map(\.rawValue)

    public var range: SourceRange
    public var values: [Key: ValueExpr] = [:]
    /// `metastore when EXPR { ... }`: preflight only where it makes sense (not on a laptop).
    public var condition: Expression?

    public init(range: SourceRange) {
        self.range = range
    }
}

/// `metrics { file ...; s3 ...; export_every ...; pushgateway ...; grace ... }`: values by key, resolved by the
/// planner; every key optional; a profile's block replaces the keys it sets.
public struct MetricsBlock: Sendable, Hashable {
    public enum Key: String, Sendable, Hashable, CaseIterable {
        case file, s3, pushgateway, grace
        case exportEvery = "export_every"
    }

    public static let keys = Key.allCases.map(\.rawValue)

    public var range: SourceRange
    public var values: [Key: ValueExpr] = [:]
    public var condition: Expression?

    public init(range: SourceRange) {
        self.range = range
    }
}
