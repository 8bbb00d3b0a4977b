import ArgumentParser
import PipelineApp
import PipelineRun

extension PDMPipeline {
    /// `pdm-pipeline runs`: the recorded runs of a product, newest first.
    struct RunsCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "runs",
            abstract: "List the recorded runs of a product, newest first (status, current step, Run_Id, duration).",
            discussion: """
                The local store lists its folder; DynamoDB is scanned (paginated, strongly consistent) for the \
                product; one error line per unreadable record. \(ExitStatus.helpText(for: .runs))
                """)

        @Option(help: "The data product (the pipeline file's `product`).")
        var product: String = "PDM"

        @Option(help: "At most this many runs, newest first (0: all).")
        var limit: Int = 20

        @Option(help: "Output format: text or json.")
        var format: RunsUseCase.Format = .text

        @OptionGroup var stateOptions: StateOptions

        func validate() throws {
            guard limit >= 0 else { throw ValidationError("--limit must not be negative") }
        }

        func run() async throws {
            try await RunsUseCase(product: product, limit: limit, format: format, state: stateOptions.settings).run(.process()).exit()
        }
    }
}
