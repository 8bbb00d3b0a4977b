import ArgumentParser
import PipelineApp
import PipelineRun

extension PDMPipeline {
    /// `pdm-pipeline report`: the HTML timeline of a correlation id's runs, from the timelines `run` records.
    struct ReportCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write an HTML page of a run's timeline: steps, waves and tasks as bars, retries, failures, the critical path.",
            discussion: ExitStatus.helpText(for: .report))

        @Option(name: [.customLong("correlation-id"), .customLong("correlation_id")], help: "The run's correlation id.")
        var correlationID: String

        @Option(name: .customLong("log-dir"), help: "The runs' log base, as given to `run` (default: /var/log/pdm, then ./logs).")
        var logDir: String?

        @Option(help: "Where to write the page (default: report.html in the newest run's log folder).")
        var output: String?

        func run() async throws {
            try await ReportUseCase(correlationID: correlationID, logDir: logDir, output: output).run(.process()).exit()
        }
    }
}
