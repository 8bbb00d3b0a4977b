/// What the caller asked for: the pipeline file, the profile, `--var`s, the run parameters, the step selection and
/// the engine overrides. The command line and the use cases pass this; `PlanRequest` adds the world it is planned in.
public struct PlanArguments: Sendable, Equatable {
    public var file: String
    public var profile: String?
    /// `--var NAME=VALUE`, in command-line order.
    public var variables: [KeyValue]
    public var correlationID: String?
    public var s3Prefix: String?
    public var snapshotType: String?
    public var exportDate: String?
    public var from: String?
    public var only: [String]
    /// `--engine`: overrides every step's engine.
    public var engine: EngineKind?
    public var hiveCommand: [String]?
    public var beelineCommand: [String]?
    public var jdbcURL: String?
    /// `--sql-root DIR`: the SQL root (relative to the working directory), in place of the file's `sql`
    /// directive; a data product's installed SQL release on EMR.
    public var sqlRoot: String?

    public init(
        file: String, profile: String? = nil, variables: [KeyValue] = [], correlationID: String? = nil,
        s3Prefix: String? = nil, snapshotType: String? = nil, exportDate: String? = nil, from: String? = nil,
        only: [String] = [], engine: EngineKind? = nil, hiveCommand: [String]? = nil, beelineCommand: [String]? = nil,
        jdbcURL: String? = nil, sqlRoot: String? = nil
    ) {
        self.file = file
        self.profile = profile
        self.variables = variables
        self.correlationID = correlationID
        self.s3Prefix = s3Prefix
        self.snapshotType = snapshotType
        self.exportDate = exportDate
        self.from = from
        self.only = only
        self.engine = engine
        self.hiveCommand = hiveCommand
        self.beelineCommand = beelineCommand
        self.jdbcURL = jdbcURL
        self.sqlRoot = sqlRoot
    }
}
