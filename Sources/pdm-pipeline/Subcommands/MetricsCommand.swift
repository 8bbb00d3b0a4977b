import ArgumentParser
import Foundation
import PipelineMetrics

extension PDMPipeline {
    /// `pdm-pipeline metrics show [FILE]`.
    struct MetricsCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "metrics", abstract: "Read the run's metrics.", subcommands: [Show.self])

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "show",
                abstract: "Print a metrics file: gauges and counters as tables, or the document as JSON.",
                discussion: "Exit codes: 0 printed; 2 the file is missing, unreadable or not a codahale metrics document.")

            enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

            @Argument(help: "The merged metrics file (default: pdm-metrics.json beside Hive's /var/log/hive/metrics.json).")
            var file: String = MetricsFile.output(besides: URL(fileURLWithPath: "/var/log/hive/metrics.json")).path

            @Option(help: "Output format: text or json.")
            var format: Format = .text

            func run() async throws {
                let document: CodahaleDocument
                do {
                    document = try CodahaleDocument(parsing: try Data(contentsOf: URL(fileURLWithPath: file)))
                } catch let error as MetricsFileError {
                    Terminal.error("error: \(file): \(error)\n")
                    throw ExitCode(2)
                } catch {
                    let why = FileManager.default.fileExists(atPath: file) ? error.localizedDescription : "no such file"
                    Terminal.error("error: \(file): cannot read: \(why)\n")
                    throw ExitCode(2)
                }
                Terminal.print((format == .json ? MetricsDisplay.json(document) : MetricsDisplay.text(document)) + "\n")
            }
        }
    }
}
