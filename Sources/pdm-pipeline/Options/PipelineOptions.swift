import ArgumentParser
import Foundation
import PipelinePlan

/// What `plan`, `check`, `run` and `preflight` share: the pipeline file and everything that shapes its plan.
struct PipelineOptions: ParsableArguments {
    @Argument(help: "The pipeline file, e.g. pipelines/pdm.pipe.")
    var file: String

    @Option(help: "The profile (environment) to plan for; default: the file's default_profile.")
    var profile: String?

    @Option(name: .customLong("var"), help: ArgumentHelp("Override a variable (repeatable).", valueName: "name=value"))
    var variables: [String] = []

    @Option(name: .customLong("correlation-id"), help: "Run parameter: the run's correlation id (state store key).")
    var correlationID: String?

    @Option(name: .customLong("s3-prefix"), help: "Run parameter: the S3 prefix of the input data set.")
    var s3Prefix: String?

    @Option(name: .customLong("snapshot-type"), help: "Run parameter: the snapshot type (e.g. full, incremental).")
    var snapshotType: String?

    @Option(name: .customLong("export-date"), help: "Run parameter: the export date, YYYY-MM-DD (default: today, UTC).")
    var exportDate: String?

    @Option(help: "Start at this step; earlier steps are skipped.")
    var from: String?

    @Option(help: "Run only this step (repeatable).")
    var only: [String] = []

    @Option(help: "Run every step through this engine: hive or beeline.")
    var engine: EngineKind?

    @Option(name: .customLong("hive-command"), help: "The hive executable (e.g. scripts/hive-spark).")
    var hiveCommand: String?

    @Option(name: .customLong("beeline-command"), help: "The beeline executable.")
    var beelineCommand: String?

    @Option(name: .customLong("jdbc-url"), help: "The HiveServer2 JDBC URL for beeline.")
    var jdbcURL: String?

    func validate() throws {
        for v in variables where !v.contains("=") || v.hasPrefix("=") {
            throw ValidationError("--var takes name=value, not '\(v)'")
        }
        if let date = exportDate, date.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) == nil {
            throw ValidationError("--export-date takes YYYY-MM-DD, not '\(date)'")
        }
    }

    func request(requireRunParameters: Bool, resume: ResumePoint? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) -> PlanRequest {
        PlanRequest(
            file: file, profile: profile,
            variables: variables.map { v in
                let i = v.firstIndex(of: "=")!
                return KeyValue(String(v[..<i]), String(v[v.index(after: i)...]))
            },
            correlationID: correlationID, s3Prefix: s3Prefix, snapshotType: snapshotType, exportDate: exportDate,
            from: from, only: only, engine: engine, hiveCommand: hiveCommand.map { [$0] }, beelineCommand: beelineCommand.map { [$0] },
            jdbcURL: jdbcURL, environment: environment, workingDirectory: FileManager.default.currentDirectoryPath, today: Planner.today(), requireRunParameters: requireRunParameters, resume: resume)
    }
}

extension EngineKind: ExpressibleByArgument {}
