import ArgumentParser
import PipelineApp
import PipelineRun

extension PDMPipeline {
    /// `pdm-pipeline plan`: the dry run. Prints what would run, executing nothing; it contacts nothing
    /// unless `--resume` asks it to read the run record.
    struct PlanCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan",
            abstract: "Print the plan: every step, wave and task with its exact command line. Runs nothing.",
            discussion: ExitStatus.helpText(for: .plan))

        @OptionGroup var pipeline: PipelineOptions

        @Option(help: "Output format: text, json, dot or mermaid.")
        var format: PlanUseCase.Format = .text

        @Flag(help: "Read the run record of --correlation-id from the state store and show what a rerun would skip.")
        var resume = false

        @OptionGroup var stateOptions: StateOptions

        @OptionGroup(title: "Run flags, previewed with --resume") var policyOptions: RunPolicyOptions

        @Option(name: .customLong("log-dir"), help: "Where `run` keeps its logs, for the last run's task times (default: /var/log/pdm, then ./logs).")
        var logDir: String?

        func validate() throws {
            if resume, pipeline.inputs.givenCorrelationID == nil { throw ValidationError("--resume needs --correlation-id") }
            // Without --resume nothing is read, so these would change nothing: say so rather than ignore them.
            if !resume, let flag = policyOptions.given.first { throw ValidationError("\(flag) previews a rerun: it needs --resume") }
        }

        func run() async throws {
            try await PlanUseCase(
                inputs: pipeline.inputs, format: format, resume: resume, state: stateOptions.settings, policy: policyOptions.policy(),
                logDir: logDir
            ).run(.process()).exit()
        }
    }
}
