import PipelinePlan

/// What shapes a plan, as the commands take it: the file, the profile, `--var`s, the run parameters as given
/// (the launcher's `NOT_SET` included: see `RunParameterValue`), the step selection and engine overrides.
public struct PlanInputs: Sendable, Equatable {
    public var file: String
    public var profile: String?
    public var variables: [KeyValue]
    public var correlationID: String?
    public var s3Prefix: String?
    public var snapshotType: String?
    public var exportDate: String?
    public var from: String?
    public var only: [String]
    public var engine: EngineKind?
    public var hiveCommand: String?
    public var beelineCommand: String?
    public var jdbcURL: String?

    public init(
        file: String, profile: String? = nil, variables: [KeyValue] = [], correlationID: String? = nil,
        s3Prefix: String? = nil, snapshotType: String? = nil, exportDate: String? = nil, from: String? = nil,
        only: [String] = [], engine: EngineKind? = nil, hiveCommand: String? = nil, beelineCommand: String? = nil,
        jdbcURL: String? = nil
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
    }

    /// `--correlation-id` as the plan sees it (nil when absent or `NOT_SET`).
    public var givenCorrelationID: String? { RunParameterValue.given(correlationID) }

    /// `name=value` of a `--var`; nil when it is not of that form.
    public static func variable(parsing text: String) -> KeyValue? {
        guard let i = text.firstIndex(of: "="), i != text.startIndex else { return nil }
        return KeyValue(String(text[..<i]), String(text[text.index(after: i)...]))
    }

    /// Why a run-parameter value is unusable, or nil: `--export-date` takes YYYY-MM-DD (or `NOT_SET`).
    public static func exportDateProblem(_ value: String?) -> String? {
        guard let date = RunParameterValue.given(value),
            date.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) == nil
        else { return nil }
        return "--export-date takes YYYY-MM-DD, not '\(date)'"
    }

    /// The planner's request, in `context`'s world (its environment, folder and today's date).
    public func request(requireRunParameters: Bool, context: AppContext) -> PlanRequest {
        PlanRequest(
            file: file, profile: profile, variables: variables,
            correlationID: givenCorrelationID, s3Prefix: RunParameterValue.given(s3Prefix),
            snapshotType: RunParameterValue.given(snapshotType), exportDate: RunParameterValue.given(exportDate),
            from: from, only: only, engine: engine, hiveCommand: hiveCommand.map { [$0] },
            beelineCommand: beelineCommand.map { [$0] }, jdbcURL: jdbcURL, environment: context.environment,
            workingDirectory: context.workingDirectory, today: Planner.today(context.now()),
            requireRunParameters: requireRunParameters)
    }
}
