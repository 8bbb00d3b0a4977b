import AWS
import Foundation
import PipelineState

extension DynamoDBStateStore {
    /// How long a state call keeps retrying throttling, 5xx and connection failures (`--state-retry-seconds`):
    /// long enough to ride out a DynamoDB blip of 30 s with margin, short enough that a real outage ends the
    /// run (exit 5) within a minute.
    public static let defaultRetryBudget: Double = 45

    /// The store as the CLI wires it for `--state dynamodb`: table (default `data_pipeline_metadata`), endpoint
    /// from `endpoint` or `AWS_ENDPOINT_URL`, region from `region` or `AWS_REGION`/`AWS_DEFAULT_REGION`/config,
    /// credentials from the chain (environment, shared files, IMDSv2), retries within `retryBudget` seconds.
    /// Only configuration problems are reported here; the table is first touched by `begin`/`read`.
    public static func make(
        table: String? = nil, endpoint: String? = nil, region: String? = nil, environment: [String: String],
        timeToExist: TimeInterval = defaultTimeToExist, retryBudget: Double = defaultRetryBudget
    ) throws(StateError) -> DynamoDBStateStore {
        let table = table ?? defaultTable
        do {
            var configuration = try AWSConfiguration.fromEnvironment(environment, endpoint: endpoint, region: region)
            configuration.retry = .timeBudget(retryBudget)
            return DynamoDBStateStore(client: DynamoDBClient(configuration: configuration), table: table, timeToExist: timeToExist)
        } catch {
            throw .unavailable(what: "cannot configure AWS for", location: "DynamoDB table \(table)", reason: error.description)
        }
    }
}
