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
    /// `--from` / `--only` as given; nil when the whole pipeline runs. A run with a selection executes exactly the
    /// selected steps (a previous run's resume point skips none of them) and is recorded COMPLETED only when
    /// nothing is left undone (see `Plan.resumed(at:)` and the runner's coverage rule).
    public var selection: StepSelection?
    /// `on_completed`: what a new run of a COMPLETED correlation id does.
    public var onCompleted: CompletedRunPolicy

    public init(
        pipeline: String, product: String, file: String, profile: String?, sqlRoot: String,
        run: RunParameters, variables: [ResolvedVariable], engines: EngineSettings,
        metastore: MetastoreSettings?, steps: [PlanStep], metrics: MetricsSettings? = nil, selection: StepSelection? = nil,
        onCompleted: CompletedRunPolicy = .refuse
    ) {
        self.selection = selection
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
        self.onCompleted = onCompleted
    }

    public func step(named name: String) -> PlanStep? { steps.first { $0.name == name } }
}

/// The steps a caller chose with `--from STEP` and `--only STEP...`.
public struct StepSelection: Sendable, Hashable, Codable {
    public var from: String?
    public var only: [String]

    public init(from: String? = nil, only: [String] = []) {
        self.from = from
        self.only = only
    }

    /// `--from X`, `--only A --only B`: as the operator typed it, for messages.
    public var flags: String {
        ((from.map { ["--from \($0)"] } ?? []) + only.map { "--only \($0)" }).joined(separator: " ")
    }
}

public typealias CompletedRunPolicy = PipelineDSL.CompletedRunPolicy

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
