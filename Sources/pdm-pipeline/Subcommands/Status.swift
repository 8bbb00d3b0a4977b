import ArgumentParser
import PipelineApp
import PipelineRun
import PipelineState

extension PDMPipeline {
    /// `pdm-pipeline status`: prints the state record of a correlation id.
    struct StatusCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Print the run record of a correlation id (Run_Id, Status, CurrentStep, ...).",
            discussion: ExitStatus.helpText(for: .status))

        @Option(name: [.customLong("correlation-id"), .customLong("correlation_id")], help: "The run's correlation id.")
        var correlationID: String

        @Option(help: "The data product (the pipeline file's `product`).")
        var product: String = "PDM"

        @Option(help: "Output format: text or json.")
        var format: StatusUseCase.Format = .text

        @OptionGroup var stateOptions: StateOptions

        func run() async throws {
            try await StatusUseCase(
                key: RunKey(correlationID: correlationID, product: product), format: format, state: stateOptions.settings
            ).run(.process()).exit()
        }
    }
}
