import AWS
import DynamoDBState
import Foundation
import PipelineState

/// Where the DynamoDB state table is (`--aws-endpoint`, `--aws-region`, `--state-table`, `--ttl-days`).
/// Credentials never come from flags: environment, shared files (`AWS_PROFILE`) or the instance role.
public struct AWSSettings: Sendable, Equatable {
    public var endpoint: String?
    public var region: String?
    public var stateTable: String
    public var ttlDays: Int

    public init(endpoint: String? = nil, region: String? = nil, stateTable: String = "data_pipeline_metadata", ttlDays: Int = 7) {
        self.endpoint = endpoint
        self.region = region
        self.stateTable = stateTable
        self.ttlDays = ttlDays
    }

    public var timeToExist: TimeInterval { TimeInterval(ttlDays) * 24 * 3600 }
}

/// Where run records live, shared by `run`, `status`, `runs` and `plan --resume`.
public struct StateSettings: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case local, dynamodb }

    public var kind: Kind
    /// The local store's folder.
    public var directory: String
    public var aws: AWSSettings
    /// How long each DynamoDB state call retries before the run stops with exit 5.
    public var retrySeconds: Double

    public init(
        kind: Kind = .local, directory: String = ".pdm-state", aws: AWSSettings = AWSSettings(),
        retrySeconds: Double = DynamoDBStateStore.defaultRetryBudget
    ) {
        self.kind = kind
        self.directory = directory
        self.aws = aws
        self.retrySeconds = retrySeconds
    }

    /// DynamoDB on an EMR node (a record on the cluster's own disk dies with the cluster, and the relauncher and
    /// the AUDIT table read the table), else the local store (a laptop).
    public static func defaultKind(environment: [String: String]) -> Kind {
        JobFlowInfo.isOnEMR(path: JobFlowInfo.path(environment: environment)) ? .dynamodb : .local
    }

    /// The store; one that cannot be configured is exit 5.
    public func makeStore(environment: [String: String]) throws(CommandFailure) -> any StateStore & RunLister {
        switch kind {
        case .local:
            return LocalFileStateStore(directory: URL(fileURLWithPath: directory))
        case .dynamodb:
            do {
                return try DynamoDBStateStore.make(
                    table: aws.stateTable, endpoint: aws.endpoint, region: aws.region, environment: environment,
                    timeToExist: aws.timeToExist, retryBudget: retrySeconds)
            } catch {
                throw CommandFailure(.stateUnavailable, "\(error)")
            }
        }
    }

    /// The record for `key`, or nil when there is none; a store that cannot be read is exit 5.
    public func readRecord(_ key: RunKey, environment: [String: String]) async throws(CommandFailure) -> RunRecord? {
        let store = try makeStore(environment: environment)
        do {
            return try await store.read(key)
        } catch {
            throw CommandFailure(.stateUnavailable, "\(error)")
        }
    }

    /// The store's identity, part of the run key (`RunOptions.stateScope`).
    public var scope: String {
        switch kind {
        case .local: return "local:" + URL(fileURLWithPath: directory).standardizedFileURL.path
        case .dynamodb: return "dynamodb:\(aws.endpoint ?? "")/\(aws.region ?? "")/\(aws.stateTable)"
        }
    }

    /// The local store keeps its run-state folders with its records (a rerun must name the same `--state-dir`);
    /// with DynamoDB they go under the log base.
    public var runStateBase: URL? {
        kind == .local ? URL(fileURLWithPath: directory) : nil
    }

    /// Where records are, for messages.
    public var location: String {
        switch kind {
        case .local: return "local store \(directory)"
        case .dynamodb: return "DynamoDB table \(aws.stateTable)"
        }
    }
}
