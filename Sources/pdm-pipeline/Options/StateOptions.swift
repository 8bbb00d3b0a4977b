import ArgumentParser
import DynamoDBState
import Foundation
import PipelineState

/// Where run records live, shared by `run`, `status` and `plan --resume`.
struct StateOptions: ParsableArguments {
    enum Kind: String, ExpressibleByArgument, CaseIterable { case local, dynamodb }

    @Option(help: "The state store: local (a JSON file per run; the default off EMR) or dynamodb (the default on an EMR node).")
    var state: Kind?

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

    /// `--state`, else DynamoDB on an EMR node (a record on the cluster's own disk dies with the cluster, and the
    /// relauncher and the AUDIT table read the table), else the local store (a laptop).
    var kind: Kind {
        state ?? (JobFlowInfo.isOnEMR(path: JobFlowInfo.path(environment: ProcessInfo.processInfo.environment)) ? .dynamodb : .local)
    }

    /// The store, or exit 5 with one line when it cannot be configured.
    func makeStore(environment: [String: String]) throws -> any StateStore & RunLister {
        switch kind {
        case .local:
            return LocalFileStateStore(directory: URL(fileURLWithPath: stateDir))
        case .dynamodb:
            do {
                return try DynamoDBStateStore.make(
                    table: aws.stateTable, endpoint: aws.endpoint, region: aws.region, environment: environment,
                    timeToExist: aws.timeToExist, retryBudget: stateRetrySeconds)
            } catch {
                Terminal.error("error: \(error)\n")
                throw ExitCode(5)
            }
        }
    }

    /// The record for `key`, or nil when there is none; a store that cannot be read exits 5 with one line.
    func readRecord(_ key: RunKey, environment: [String: String]) async throws -> RunRecord? {
        let store = try makeStore(environment: environment)
        do {
            return try await store.read(key)
        } catch {
            Terminal.error("error: \(error)\n")
            throw ExitCode(5)
        }
    }

    /// The store's identity, part of the run key (`RunOptions.stateScope`).
    var scope: String {
        switch kind {
        case .local: return "local:" + URL(fileURLWithPath: stateDir).standardizedFileURL.path
        case .dynamodb: return "dynamodb:\(aws.endpoint ?? "")/\(aws.region ?? "")/\(aws.stateTable)"
        }
    }

    /// The local store keeps its run-state folders with its records (a rerun must name the same `--state-dir`);
    /// with DynamoDB they go under the log base.
    var runStateBase: URL? {
        kind == .local ? URL(fileURLWithPath: stateDir) : nil
    }

    /// Where records are, for messages.
    var location: String {
        switch kind {
        case .local: return "local store \(stateDir)"
        case .dynamodb: return "DynamoDB table \(aws.stateTable)"
        }
    }
}
