import AWS
import DynamoDBState
import PipelineRun

/// `state init`: creates the DynamoDB state table (if missing) and enables TTL on `TimeToExist`. Safe to run
/// again. 0 done, 2 bad configuration, 5 AWS refused or unreachable.
public struct StateInitUseCase: Sendable {
    public var aws: AWSSettings

    public init(aws: AWSSettings) { self.aws = aws }

    public func run(_ context: AppContext) async -> ExitStatus {
        await context.outcome { () async throws(CommandFailure) -> ExitStatus in
            let configuration: AWSConfiguration
            do {
                configuration = try AWSConfiguration.fromEnvironment(context.environment, endpoint: aws.endpoint, region: aws.region)
            } catch {
                throw CommandFailure(.unusableInput, "\(error)")
            }
            let client = DynamoDBClient(configuration: configuration)
            do {
                let outcome = try await StateTable(client: client, name: aws.stateTable).initialize()
                let what = outcome == .created ? "created" : "already existed"
                context.console.print(
                    "state table \(aws.stateTable) at \(client.client.endpoint): \(what); TTL enabled on TimeToExist "
                        + "(records expire \(aws.ttlDays) days after their last write)\n")
                return .success
            } catch {
                throw CommandFailure(.stateUnavailable, "\(error)")
            }
        }
    }
}
