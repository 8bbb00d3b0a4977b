import ArgumentParser
import PipelineApp
import PipelineRun

extension PDMPipeline {
    /// `pdm-pipeline metrics show [FILE]`.
    struct MetricsCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "metrics", abstract: "Read the run's metrics.", subcommands: [Show.self])

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "show",
                abstract: "Print a metrics file: gauges and counters as tables, or the document as JSON.",
                discussion: ExitStatus.helpText(for: .metricsShow))

            @Argument(help: "The merged metrics file (default: pdm-metrics.json beside Hive's /var/log/hive/metrics.json).")
            var file: String = MetricsShowUseCase.defaultFile

            @Option(help: "Output format: text or json.")
            var format: MetricsShowUseCase.Format = .text

            func run() async throws {
                try await MetricsShowUseCase(file: file, format: format).run(.process()).exit()
            }
        }
    }
}
