import ArgumentParser
import PipelineApp
import PipelineRun

extension PDMPipeline {
    /// `pdm-pipeline run`: executes the plan through hive/beeline, resumably.
    struct RunCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run the pipeline: steps in order, waves as barriers, tasks in parallel; resumes a failed run.",
            discussion: ExitStatus.helpText(for: .run))

        @OptionGroup var pipeline: PipelineOptions
        @OptionGroup var stateOptions: StateOptions
        @OptionGroup var preflightOptions: RunPreflightOptions
        @OptionGroup var logOptions: LogOptions

        @OptionGroup var policyOptions: RunPolicyOptions

        @Flag(name: .customLong("record-cancelled"), help: "Record a run stopped by SIGINT/SIGTERM as CANCELLED (default: FAILED, as the original system did).")
        var recordCancelled = false

        @Option(name: .customLong("log-dir"), help: "Base folder for task logs (default: /var/log/pdm if writable, else ./logs).")
        var logDir: String?

        @Option(name: .customLong("grace-period"), help: "Seconds between SIGTERM and SIGKILL when stopping a task.")
        var gracePeriod: Double = 10

        @Option(name: .customLong("lease"), help: .hidden)
        var leaseSeconds: Double = 300

        func validate() throws {
            guard gracePeriod >= 0 else { throw ValidationError("--grace-period must not be negative") }
            guard leaseSeconds >= 3 else { throw ValidationError("--lease must be at least 3 seconds") }
        }

        func run() async throws {
            try await RunUseCase(
                inputs: pipeline.inputs, state: stateOptions.settings, preflight: preflightOptions.settings,
                skipPreflight: preflightOptions.skipPreflight, logs: logOptions.settings,
                policy: policyOptions.policy(recordCancelled: recordCancelled), logDir: logDir, gracePeriod: gracePeriod, leaseSeconds: leaseSeconds
            ).run(.process()).exit()
        }
    }
}
