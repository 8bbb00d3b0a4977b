import ArgumentParser
import DynamoDBState
import Foundation
import PipelineApp

/// Where run records live, shared by `run`, `status`, `runs` and `plan --resume`.
struct StateOptions: ParsableArguments {
    @Option(help: "The state store: local (a JSON file per run; the default off EMR) or dynamodb (the default on an EMR node).")
    var state: StateSettings.Kind?

    @Option(name: .customLong("state-dir"), help: "Folder of the local store (default: .pdm-state).")
    var stateDir: String = ".pdm-state"

    /// `--aws-endpoint`, `--aws-region`, `--state-table`, `--ttl-days`: the same flags as `state init`.
    @OptionGroup var aws: AWSOptions

    @Option(name: .customLong("state-retry-seconds"), help: ArgumentHelp(
        "How long each DynamoDB state call retries throttling, 5xx and connection failures (exponential backoff with jitter, at most 5 s apart) before the run stops with exit 5.",
        valueName: "seconds"))
    var stateRetrySeconds: Double = DynamoDBStateStore.defaultRetryBudget

    func validate() throws {
        guard stateRetrySeconds.isFinite, stateRetrySeconds >= 0, stateRetrySeconds <= 3600 else {
            throw ValidationError("--state-retry-seconds takes 0...3600 seconds, not \(stateRetrySeconds)")
        }
    }

    var settings: StateSettings {
        StateSettings(
            kind: state ?? StateSettings.defaultKind(environment: ProcessInfo.processInfo.environment), directory: stateDir,
            aws: aws.settings, retrySeconds: stateRetrySeconds)
    }
}
