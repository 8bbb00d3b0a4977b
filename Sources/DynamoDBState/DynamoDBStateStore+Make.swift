import AWS
import Foundation
import PipelineState

extension DynamoDBStateStore {
    /// The store as the CLI wires it for `--state dynamodb`: table (default `data_pipeline_metadata`), endpoint
    /// from `endpoint` or `AWS_ENDPOINT_URL`, region from `region` or `AWS_REGION`/`AWS_DEFAULT_REGION`/config,
    /// credentials from the chain (environment, shared files, IMDSv2). Only configuration problems are
    /// reported here; the table is first touched by `begin`/`read`.
    public static func make(
        table: String? = nil, endpoint: String? = nil, region: String? = nil, environment: [String: String],
        timeToExist: TimeInterval = defaultTimeToExist
    ) throws(StateError) -> DynamoDBStateStore {
        let table = table ?? defaultTable
        do {
            let configuration = try AWSConfiguration.fromEnvironment(environment, endpoint: endpoint, region: region)
            return DynamoDBStateStore(client: DynamoDBClient(configuration: configuration), table: table, timeToExist: timeToExist)
        } catch {
            throw .unavailable(what: "cannot configure AWS for", location: "DynamoDB table \(table)", reason: error.description)
        }
    }
}
