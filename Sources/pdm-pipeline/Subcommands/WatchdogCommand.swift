import ArgumentParser
import Foundation
import PipelineRun

extension PDMPipeline {
    /// `pdm-pipeline _watchdog`: started by `run` only (see `Watchdog`); not for people.
    struct WatchdogCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: Watchdog.subcommand, abstract: "Stops a run's tasks when its runner dies (started by run).",
            shouldDisplay: false)

        @Option var folder: String
        @Option(name: .customLong("run-key")) var runKey: String
        @Option(name: .customLong("correlation-id")) var correlationID: String
        @Option var grace: Double

        func run() throws {
            let state = RunStateFolder(root: URL(fileURLWithPath: folder), key: runKey)
            let code = Watchdog.serve(folder: state, correlationID: correlationID, grace: .milliseconds(Int64(grace * 1000)))
            if code != 0 { throw ExitCode(code) }
        }
    }
}
