import Foundation

/// Where run records live: the local file store (`LocalFileStateStore`) or DynamoDB. Every implementation has the
/// same semantics, so the runner cannot tell them apart:
///
/// - `begin` reads the record for the key, applies `BeginDecision.decide` (shared, pure) and writes the new
///   IN_PROGRESS record **atomically with respect to other runners** (a lock, or a conditional write on the
///   Run_Id that was read). Two runners beginning at once: exactly one wins; the other gets
///   `StateError.superseded` or `.inProgressElsewhere`.
/// - Every later write takes the `RunHandle` that `begin` returned and is conditional on the stored Run_Id and
///   owner still being the handle's. Otherwise it throws `StateError.superseded` and changes nothing (the
///   runner then stops: someone took over).
/// - A failed read is `StateError.unavailable`, never "no record" (the original reset Run_Id to 1 on a read
///   error). A record that cannot be decoded is `StateError.corruptRecord`, never overwritten.
/// - Writes are durable when the call returns.
public protocol StateStore: Sendable {
    /// Starts (or resumes) a run; see `BeginDecision` for the rules.
    func begin(_ request: BeginRequest) async throws(StateError) -> BeginOutcome

    /// Applies `transitions` in order (`RunRecord.applying`, shared and pure) to the stored record as **one**
    /// write, atomically and only while the record is still the handle's run. The runner sends all its writes
    /// through one writer (`StateWriter`), which batches what queues up while a write is in flight, so a
    /// runner's own writes never race each other: a failed condition is only ever another runner.
    func apply(_ transitions: [RunTransition], to handle: RunHandle, at now: Date) async throws(StateError)

    /// The stored record, or nil when there is none.
    func read(_ key: RunKey) async throws(StateError) -> RunRecord?
}

extension StateStore {
    /// One transition, as a write of its own. The named writes below are spelled in terms of it.
    public func apply(_ transition: RunTransition, to handle: RunHandle, at now: Date) async throws(StateError) {
        try await apply([transition], to: handle, at: now)
    }

    /// Writes `CurrentStep = step` and replaces the completed tasks with `carriedTasks` (the tasks a
    /// task-level resume keeps from the previous run; empty otherwise).
    public func stepStarted(_ handle: RunHandle, step: String, carriedTasks: [String], at now: Date) async throws(StateError) {
        try await apply(.stepStarted(step: step, carriedTasks: carriedTasks), to: handle, at: now)
    }

    /// Adds `task` to the completed tasks of the current step (for task-level resume).
    public func taskCompleted(_ handle: RunHandle, step: String, task: String, at now: Date) async throws(StateError) {
        try await apply(.taskCompleted(step: step, task: task), to: handle, at: now)
    }

    /// The step ran and succeeded (or failed, ignored): recorded as done with what it ran, so a resume may skip it.
    public func stepCompleted(_ handle: RunHandle, step: String, fingerprints: [String: String], at now: Date) async throws(StateError) {
        try await apply(.stepCompleted(step: step, fingerprints: fingerprints), to: handle, at: now)
    }

    /// A step failed. With `continuing` (`on_failure continue`) the step is added to the continued failures and
    /// the run stays IN_PROGRESS; otherwise the run becomes FAILED at once with `CurrentStep = step` (written
    /// before any `always` step runs, so nothing can race it), and later calls keep it FAILED there.
    public func stepFailed(_ handle: RunHandle, step: String, reason: String, continuing: Bool, at now: Date) async throws(StateError) {
        try await apply(.stepFailed(step: step, reason: reason, continuing: continuing), to: handle, at: now)
    }

    /// Ends the run: COMPLETED, FAILED or CANCELLED, with a reason for the last two. A run already FAILED stays
    /// FAILED at its failed step whatever is passed (an `always` step cannot hide a failure). Clears the lease.
    public func finish(
        _ handle: RunHandle, status: RunStatus, reason: String?, currentStep: String? = nil, at now: Date
    ) async throws(StateError) {
        try await apply(.finished(status: status, reason: reason, currentStep: currentStep), to: handle, at: now)
    }

    /// Extends the lease to `until`, so other runners keep refusing to start this key.
    public func renewLease(_ handle: RunHandle, until: Date, at now: Date) async throws(StateError) {
        try await apply(.leaseRenewed(until: until), to: handle, at: now)
    }
}

/// Proof of a successful `begin`: every later write is fenced by this Run_Id and owner.
public struct RunHandle: Sendable, Hashable {
    public var key: RunKey
    public var runID: Int
    public var owner: RunOwner

    public init(key: RunKey, runID: Int, owner: RunOwner) {
        self.key = key
        self.runID = runID
        self.owner = owner
    }
}

/// What the runner asks for when it starts.
public struct BeginRequest: Sendable, Hashable {
    public var key: RunKey
    public var date: String
    public var clusterID: String
    public var s3Prefix: String
    public var snapshotType: String
    public var owner: RunOwner
    public var now: Date
    /// How long the new lease lasts; the runner renews it well before it runs out.
    public var leaseDuration: TimeInterval
    /// The operator's flags: `force` starts a COMPLETED run again, `takeover` takes a live lease, `acceptChanges`
    /// resumes past a drift.
    public var policy: RunPolicy
    /// The pipeline's `on_completed rerun`: a COMPLETED run is started again from its first step without
    /// `--force`, as the original PDM did for every new trigger of a correlation id.
    public var rerunCompleted: Bool
    /// What each step runs now (stored with the new record) and the steps in plan order: a resume refuses when a
    /// step before its resume point changed since the failed run, unless `policy.acceptChanges`.
    public var fingerprints: StepFingerprints?
    public var stepOrder: [String]
    /// The run executes the steps `--from`/`--only` select, whatever the previous run did: nothing is skipped as
    /// completed, so nothing is checked for drift (a step left out keeps what it recorded, and the record stays
    /// resumable until every step is done).
    public var explicitSelection: Bool = false

    public init(
        key: RunKey, date: String, clusterID: String, s3Prefix: String, snapshotType: String, owner: RunOwner,
        now: Date, leaseDuration: TimeInterval = 300, policy: RunPolicy = RunPolicy(),
        fingerprints: StepFingerprints? = nil, stepOrder: [String] = [], rerunCompleted: Bool = false
    ) {
        self.rerunCompleted = rerunCompleted
        self.fingerprints = fingerprints
        self.stepOrder = stepOrder
        self.key = key
        self.date = date
        self.clusterID = clusterID
        self.s3Prefix = s3Prefix
        self.snapshotType = snapshotType
        self.owner = owner
        self.now = now
        self.leaseDuration = leaseDuration
        self.policy = policy
    }
}

/// The result of `begin`: the record now stored, and where the run starts.
public struct BeginOutcome: Sendable, Hashable {
    public enum Start: Sendable, Hashable {
        /// No earlier record: Run_Id 1, from the first step.
        case fresh
        /// The previous run (FAILED, CANCELLED, or IN_PROGRESS taken over) stopped at `step`: steps before it are
        /// skipped. `step` is nil when it stopped before its first step (then nothing is skipped).
        /// `completedTasks` are the tasks of `step` that succeeded, for a step with task-level resume.
        case resumed(step: String?, completedTasks: [String], previousRunID: Int, previousStatus: RunStatus)
        /// The previous run COMPLETED and `--force` was given: from the first step again.
        case restartedAfterForce(previousRunID: Int)
        /// The previous run COMPLETED and the pipeline says `on_completed rerun`: from the first step again.
        case rerunAfterCompleted(previousRunID: Int)
        /// The record was IN_PROGRESS with no lease: written by a runner that holds none (the original system), so
        /// nothing says whether it is alive. As the original treated any record that was not FAILED: from the
        /// first step again. `previousStep` and `previousClusterID` are what that record said, for the log.
        case restartedWithoutLease(previousRunID: Int, previousStep: String?, previousClusterID: String)
    }

    public var record: RunRecord
    public var start: Start
    /// After a takeover of a lease that had not run out: the runner that held it and until when. That runner may
    /// still be alive; it fences itself off before then, so the new owner starts no task earlier.
    public var previousOwner: RunOwner?
    public var previousLeaseExpiresAt: Date?

    public init(record: RunRecord, start: Start, previousOwner: RunOwner? = nil, previousLeaseExpiresAt: Date? = nil) {
        self.record = record
        self.start = start
        self.previousOwner = previousOwner
        self.previousLeaseExpiresAt = previousLeaseExpiresAt
    }

    public var handle: RunHandle { RunHandle(key: record.key, runID: record.runID, owner: record.owner) }
}
