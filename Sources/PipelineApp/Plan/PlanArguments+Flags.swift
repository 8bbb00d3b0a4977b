import PipelinePlan

/// How the commands' flags become `PlanArguments`, and the request the planner gets in a context's world.
extension PlanArguments {
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

    /// `--correlation-id` as the plan sees it (nil when absent or `NOT_SET`).
    public var givenCorrelationID: String? { RunParameterValue.given(correlationID) }

    /// The arguments with the launcher's `NOT_SET` read as "not given" (see `RunParameterValue`).
    var givenRunParameters: PlanArguments {
        var given = self
        given.correlationID = givenCorrelationID
        given.s3Prefix = RunParameterValue.given(s3Prefix)
        given.snapshotType = RunParameterValue.given(snapshotType)
        given.exportDate = RunParameterValue.given(exportDate)
        return given
    }

    /// The planner's request, in `context`'s world (its environment, folder and today's date).
    func request(requireRunParameters: Bool, context: AppContext) -> PlanRequest {
        PlanRequest(
            givenRunParameters, environment: context.environment, workingDirectory: context.workingDirectory,
            today: Planner.today(context.now()), requireRunParameters: requireRunParameters)
    }
}
