import ArgumentParser
import Foundation
import PipelineState

extension PDMPipeline {
    /// `pdm-pipeline status`: prints the state record of a correlation id.
    struct StatusCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Print the run record of a correlation id (Run_Id, Status, CurrentStep, ...).",
            discussion: "Exit codes: 0 printed, 1 no record, 5 state store unavailable or record corrupt.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        @Option(name: [.customLong("correlation-id"), .customLong("correlation_id")], help: "The run's correlation id.")
        var correlationID: String

        @Option(help: "The data product (the pipeline file's `product`).")
        var product: String = "PDM"

        @Option(help: "Output format: text or json.")
        var format: Format = .text

        @OptionGroup var stateOptions: StateOptions

        func run() async throws {
            let key = RunKey(correlationID: correlationID, product: product)
            guard let record = try await stateOptions.readRecord(key, environment: ProcessInfo.processInfo.environment) else {
                Terminal.error("error: no run recorded for \(key) in the \(stateOptions.location)\n")
                throw ExitCode(1)
            }
            Terminal.print((format == .json ? record.json : record.text) + "\n")
        }
    }
}
