import PipelineDSL
import PipelinePlan

/// Plans built by hand, the way the planner would build them, for the test targets (runner, metrics, check,
/// state, metastore): one set of builders instead of one per target.
public enum Plans {
    public static let here = SourceLocation(file: "test.pipe", line: 1, column: 1)

    /// An inline HQL statement.
    public static func statement(
        _ key: String, _ sql: String, hivevars: [KeyValue] = [], hiveconf: [KeyValue] = [], location: SourceLocation = here
    ) -> PlanTask {
        PlanTask(key: key, work: .hqlStatement(sql), engine: .hive, hivevars: hivevars, hiveconf: hiveconf, location: location)
    }

    /// A built-in action.
    public static func action(_ key: String, _ name: String, _ arguments: [KeyValue] = [], location: SourceLocation = here) -> PlanTask {
        PlanTask(key: key, work: .action(name: name, arguments: arguments), engine: .hive, hivevars: [], hiveconf: [], location: location)
    }

    /// A step whose waves hold `waves`; waves are numbered from `firstWave`.
    public static func step(
        index: Int, name: String, waves: [[PlanTask]], parallelism: Int = 4,
        retry: RetryPolicy = RetryPolicy(attempts: 1, delaySeconds: 0), timeout: Double? = nil, always: Bool = false,
        onFailure: FailurePolicy = .stop, resume: ResumeGranularity = .step, disposition: StepDisposition = .run,
        firstWave: Int = 1, location: SourceLocation = here
    ) -> PlanStep {
        PlanStep(
            index: index, name: name, disposition: disposition, onFailure: onFailure, always: always,
            parallelism: parallelism, retry: retry, timeoutSeconds: timeout, resume: resume,
            waves: waves.enumerated().map { PlanWave(index: $0.offset + firstWave, name: "\($0.offset + 1)", tasks: $0.element) },
            location: location)
    }

    public static func plan(
        _ steps: [PlanStep], pipeline: String = "test", product: String = "PDM", correlationID: String = "corr-1",
        s3Prefix: String = "data/x", variables: [ResolvedVariable] = [], engines: EngineSettings = EngineSettings(),
        metrics: MetricsSettings? = nil
    ) -> Plan {
        Plan(
            pipeline: pipeline, product: product, file: "\(pipeline).pipe", profile: nil, sqlRoot: "sql",
            run: RunParameters(correlationID: correlationID, s3Prefix: s3Prefix, snapshotType: "full", exportDate: "2026-11-21"),
            variables: variables, engines: engines, metastore: nil, steps: steps, metrics: metrics)
    }
}
