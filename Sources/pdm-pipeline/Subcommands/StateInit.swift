import ArgumentParser
import PipelineApp

extension PDMPipeline.StateCommand {
    /// `pdm-pipeline state init`: creates the DynamoDB state table of a new environment and enables TTL on
    /// `TimeToExist`. Safe to run again. Exit 0 done, 2 bad configuration, 5 AWS refused or unreachable.
    struct StateInit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create the DynamoDB state table (if missing) and enable TTL on TimeToExist.")

        @OptionGroup var aws: AWSOptions

        func run() async throws {
            try await StateInitUseCase(aws: aws.settings).run(.process()).exit()
        }
    }
}
