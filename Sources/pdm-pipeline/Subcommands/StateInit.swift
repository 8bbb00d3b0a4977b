import AWS
import ArgumentParser
import DynamoDBState
import Foundation

extension PDMPipeline.StateCommand {
    /// `pdm-pipeline state init`: creates the DynamoDB state table of a new environment and enables TTL on
    /// `TimeToExist`. Safe to run again. Exit 0 done, 2 bad configuration, 5 AWS refused or unreachable.
    struct StateInit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create the DynamoDB state table (if missing) and enable TTL on TimeToExist.")

        @OptionGroup var aws: AWSOptions

        func run() async throws {
            let configuration: AWSConfiguration
            do {
                configuration = try AWSConfiguration.fromEnvironment(
                    ProcessInfo.processInfo.environment, endpoint: aws.endpoint, region: aws.region)
            } catch {
                Terminal.error("error: \(error)\n")
                throw ExitCode(2)
            }
            let client = DynamoDBClient(configuration: configuration)
            do {
                let outcome = try await StateTable(client: client, name: aws.stateTable).initialize()
                let what = outcome == .created ? "created" : "already existed"
                Terminal.print(
                    "state table \(aws.stateTable) at \(client.client.endpoint): \(what); TTL enabled on TimeToExist "
                        + "(records expire \(aws.ttlDays) days after their last write)\n")
            } catch {
                Terminal.error("error: \(error)\n")
                throw ExitCode(5)
            }
        }
    }
}
