import ArgumentParser
import PipelineApp
import PipelinePlan

/// What `plan`, `check`, `run` and `preflight` share: the pipeline file and everything that shapes its plan.
struct PipelineOptions: ParsableArguments {
    @Argument(help: "The pipeline file, e.g. pipelines/pdm.pipe.")
    var file: String

    @Option(help: "The profile (environment) to plan for; default: the file's default_profile.")
    var profile: String?

    @Option(name: .customLong("var"), help: ArgumentHelp("Override a variable (repeatable).", valueName: "name=value"))
    var variables: [String] = []

    // The run parameters also take the DWP EMR launcher's underscore spellings (it appends `--correlation_id C
    // --s3_prefix P --snapshot_type T --export_date D`), and its `NOT_SET` (a value the trigger did not carry)
    // means the flag was not given: see RunParameterValue.
    @Option(
        name: [.customLong("correlation-id"), .customLong("correlation_id")],
        help: "Run parameter: the run's correlation id (state store key); no default: `run` requires it.")
    var correlationID: String?

    @Option(
        name: [.customLong("s3-prefix"), .customLong("s3_prefix")],
        help: "Run parameter: the S3 prefix of the input data set (default: the pipeline's, NOT_SET in pdm.pipe).")
    var s3Prefix: String?

    @Option(
        name: [.customLong("snapshot-type"), .customLong("snapshot_type")],
        help: "Run parameter: the snapshot type, e.g. full, incremental (default: the pipeline's, NOT_SET in pdm.pipe).")
    var snapshotType: String?

    @Option(
        name: [.customLong("export-date"), .customLong("export_date")],
        help: "Run parameter: the export date, YYYY-MM-DD (default: today, UTC).")
    var exportDate: String?

    /// The launcher adds `--skip_pdm_trigger VALUE` for the step that triggered PDM from another product; this
    /// tool is the PDM run itself, so the value has no meaning here: accepted so the launcher's argv parses.
    @Option(
        name: [.customLong("skip-pdm-trigger"), .customLong("skip_pdm_trigger")],
        help: ArgumentHelp("Accepted and ignored (the EMR launcher's trigger flag; no meaning here).", valueName: "value"))
    var skipPDMTrigger: String?

    @Option(help: "Start at this step; earlier steps are skipped.")
    var from: String?

    @Option(help: "Run only this step (repeatable).")
    var only: [String] = []

    @Option(help: "Run every step through this engine: hive, beeline or hiveserver2 (the native client).")
    var engine: EngineKind?

    @Option(name: .customLong("hive-command"), help: "The hive executable (e.g. scripts/hive-spark).")
    var hiveCommand: String?

    @Option(name: .customLong("beeline-command"), help: "The beeline executable.")
    var beelineCommand: String?

    @Option(name: .customLong("jdbc-url"), help: "The HiveServer2 JDBC URL for beeline.")
    var jdbcURL: String?

    @Option(
        name: .customLong("sql-root"),
        help: ArgumentHelp("The SQL root, in place of the pipeline's `sql` directive (an installed SQL release).", valueName: "dir"))
    var sqlRoot: String?

    func validate() throws {
        for v in variables where PlanArguments.variable(parsing: v) == nil {
            throw ValidationError("--var takes name=value, not '\(v)'")
        }
        if let problem = PlanArguments.exportDateProblem(exportDate) { throw ValidationError(problem) }
    }

    var inputs: PlanArguments {
        PlanArguments(
            file: file, profile: profile, variables: variables.compactMap(PlanArguments.variable(parsing:)),
            correlationID: correlationID, s3Prefix: s3Prefix, snapshotType: snapshotType, exportDate: exportDate,
            from: from, only: only, engine: engine, hiveCommand: hiveCommand.map { [$0] }, beelineCommand: beelineCommand.map { [$0] },
            jdbcURL: jdbcURL, sqlRoot: sqlRoot)
    }
}

extension EngineKind: ExpressibleByArgument {}
