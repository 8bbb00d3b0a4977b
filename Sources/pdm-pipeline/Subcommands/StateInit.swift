import ArgumentParser
import PipelineApp
import PipelineRun

extension PDMPipeline.StateCommand {
    /// `pdm-pipeline state init`: creates the DynamoDB state table of a new environment and enables TTL on
    /// `TimeToExist`. Safe to run again.
    struct StateInit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create the DynamoDB state table (if missing) and enable TTL on TimeToExist.",
            discussion: ExitStatus.helpText(for: .stateInit))

        @OptionGroup var aws: AWSOptions

        func run() async throws {
            try await StateInitUseCase(aws: aws.settings).run(.process()).exit()
        }
    }
}
