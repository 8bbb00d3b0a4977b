import ArgumentParser
import PipelineApp
import PipelineRun

extension PDMPipeline {
    /// `pdm-pipeline check`: everything `plan` validates, plus the SQL: missing files, empty globs, unbound
    /// variables, and table order (reads before writes, races, two writers in one wave). Runs nothing.
    struct CheckCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check the plan and its HQL: missing files, unbound variables, table read/write order. Runs nothing.",
            discussion: ExitStatus.helpText(for: .check))

        @OptionGroup var pipeline: PipelineOptions

        @Flag(help: "Treat warnings as errors.")
        var strict = false

        @Option(help: "Output format: text or json.")
        var format: CheckUseCase.Format = .text

        func run() async throws {
            try await CheckUseCase(inputs: pipeline.inputs, strict: strict, format: format).run(.process()).exit()
        }
    }
}
