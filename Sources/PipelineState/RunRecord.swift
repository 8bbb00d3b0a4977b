import Foundation

/// One run's state, mirroring the original `data_pipeline_metadata` DynamoDB item, plus what resuming safely needs.
///
/// Coding keys are the original attribute names, so a JSON record reads like the DynamoDB item; the extra fields
/// use the same `Capitalised_Snake` style.
public struct RunRecord: Sendable, Hashable, Codable {
    public var correlationID: String
    public var product: String
    /// The export date (`YYYY-MM-DD`), the original `Date` attribute.
    public var date: String
    /// 1 for the first run of a correlation id; +1 on every resume, forced restart or takeover.
    /// Every write is conditional on it: a runner whose Run_Id was superseded can no longer write.
    public var runID: Int
    public var status: RunStatus
    /// The step being run, or the step that failed. Nil before the first step started.
    public var currentStep: String?
    public var clusterID: String
    public var s3Prefix: String
    public var snapshotType: String

    // Ours, not in the original item.
    /// While IN_PROGRESS, the owner renews this; once it has passed, another runner may take the run over.
    public var leaseExpiresAt: Date?
    /// Keys of the tasks of `currentStep` that succeeded (used by steps with task-level resume).
    public var completedTasks: [String]
    /// Steps with `on_failure continue` that failed in this run.
    public var continuedFailures: [String]
    /// Why the run failed or was cancelled, one line.
    public var failureReason: String?
    public var startedAt: Date
    public var updatedAt: Date
    public var owner: RunOwner
    /// What each step runs, as the run began: step name → task key → fingerprint (`Plan.fingerprints()`).
    /// A resume refuses when a step before its resume point changed since. Nil in records of the original
    /// system or of versions without it: nothing to compare.
    public var fingerprints: StepFingerprints?

    public init(
        correlationID: String, product: String, date: String, runID: Int, status: RunStatus, currentStep: String?,
        clusterID: String, s3Prefix: String, snapshotType: String, leaseExpiresAt: Date?, completedTasks: [String] = [],
        continuedFailures: [String] = [], failureReason: String? = nil, startedAt: Date, updatedAt: Date, owner: RunOwner,
        fingerprints: StepFingerprints? = nil
    ) {
        self.correlationID = correlationID
        self.product = product
        self.date = date
        self.runID = runID
        self.status = status
        self.currentStep = currentStep
        self.clusterID = clusterID
        self.s3Prefix = s3Prefix
        self.snapshotType = snapshotType
        self.leaseExpiresAt = leaseExpiresAt
        self.completedTasks = completedTasks
        self.continuedFailures = continuedFailures
        self.failureReason = failureReason
        self.startedAt = startedAt
        self.updatedAt = updatedAt
        self.owner = owner
        self.fingerprints = fingerprints
    }

    public var key: RunKey { RunKey(correlationID: correlationID, product: product) }

    enum CodingKeys: String, CodingKey {
        case correlationID = "Correlation_Id"
        case product = "DataProduct"
        case date = "Date"
        case runID = "Run_Id"
        case status = "Status"
        case currentStep = "CurrentStep"
        case clusterID = "Cluster_Id"
        case s3Prefix = "S3_Prefix_Analytical_DataSet"
        case snapshotType = "Snapshot_Type"
        case leaseExpiresAt = "Lease_Expires_At"
        case completedTasks = "Completed_Tasks"
        case continuedFailures = "Continued_Failures"
        case failureReason = "Failure_Reason"
        case startedAt = "Started_At"
        case updatedAt = "Updated_At"
        case owner = "Owner"
        case fingerprints = "Step_Fingerprints"
    }
}
