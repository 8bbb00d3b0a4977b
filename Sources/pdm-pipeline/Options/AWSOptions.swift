import ArgumentParser
import PipelineApp

/// Where the AWS state lives; shared by `run`, `status` and `state init` (`--state dynamodb`).
/// Credentials never come from flags: environment, shared files (`AWS_PROFILE`) or the instance role.
struct AWSOptions: ParsableArguments {
    @Option(name: .customLong("aws-endpoint"), help: ArgumentHelp(
        "AWS endpoint override, e.g. http://127.0.0.1:5000 (default: AWS_ENDPOINT_URL, else the real regional endpoint).",
        valueName: "url"))
    var endpoint: String?

    @Option(name: .customLong("aws-region"), help: ArgumentHelp(
        "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, then the shared config file).", valueName: "region"))
    var region: String?

    @Option(name: .customLong("state-table"), help: ArgumentHelp("The DynamoDB state table.", valueName: "name"))
    var stateTable: String = "data_pipeline_metadata"

    @Option(name: .customLong("ttl-days"), help: ArgumentHelp(
        "Days a run record is kept after its last write (TimeToExist, DynamoDB TTL in epoch seconds).", valueName: "n"))
    var ttlDays: Int = 7

    func validate() throws {
        guard ttlDays >= 1 else { throw ValidationError("--ttl-days takes a whole number of days >= 1, not \(ttlDays)") }
        guard !stateTable.isEmpty else { throw ValidationError("--state-table needs a table name") }
    }

    var settings: AWSSettings {
        AWSSettings(endpoint: endpoint, region: region, stateTable: stateTable, ttlDays: ttlDays)
    }
}
