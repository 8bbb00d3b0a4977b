import ArgumentParser

extension PDMPipeline {
    /// `pdm-pipeline state ...`: managing the run-state store itself.
    struct StateCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "state",
            abstract: "Manage the run-state store.",
            subcommands: [StateInit.self])
    }
}
