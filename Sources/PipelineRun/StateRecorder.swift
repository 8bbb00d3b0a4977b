import Foundation
import PipelinePlan
import PipelineState

/// The run's handle on the state store, with the clock filled in. Every write goes through the run's one
/// `StateWriter` (in order, batched, never cut off by a cancellation), with every value masked first: a failure
/// reason echoing a secret, or a task key holding one, is stored as `****`.
struct StateRecorder: Sendable {
    let handle: RunHandle
    let clock: RunClock
    let mask: SecretMask
    let writer: StateWriter

    init(store: any StateStore, handle: RunHandle, clock: RunClock, mask: SecretMask = SecretMask()) {
        self.handle = handle
        self.clock = clock
        self.mask = mask
        self.writer = StateWriter(store: store, handle: handle, clock: clock)
    }

    func stepStarted(_ step: String, carried: [String]) async throws(StateError) {
        try await write(.stepStarted(step: step, carriedTasks: carried))
    }

    func taskCompleted(_ step: String, _ task: String) async throws(StateError) {
        try await write(.taskCompleted(step: step, task: task))
    }

    /// `fingerprints` as the begin recorded them (`Plan.fingerprints()`, keys already masked).
    func stepCompleted(_ step: String, fingerprints: [String: String]) async throws(StateError) {
        try await write(.stepCompleted(step: step, fingerprints: fingerprints))
    }

    func stepFailed(_ step: String, reason: String, continuing: Bool) async throws(StateError) {
        try await write(.stepFailed(step: step, reason: reason, continuing: continuing))
    }

    func finish(_ status: RunStatus, reason: String?, currentStep: String? = nil) async throws(StateError) {
        try await write(.finished(status: status, reason: reason, currentStep: currentStep))
    }

    /// Extends the lease to `until` (the caller's clock reading plus the lease: the fence counts from the same
    /// instant, so the lease it relies on is never longer than the stored one).
    func renewLease(until: Date) async throws(StateError) {
        try await write(.leaseRenewed(until: until))
    }

    private func write(_ transition: RunTransition) async throws(StateError) {
        try await writer.write(transition.masked(by: mask))
    }
}

extension RunTransition {
    /// The transition with every free-text value masked: failure reasons and task keys. Step names are the
    /// pipeline's own identifiers (a resume looks them up) and are kept.
    func masked(by mask: SecretMask) -> RunTransition {
        guard !mask.isEmpty else { return self }
        switch self {
        case .stepStarted(let step, let carried): return .stepStarted(step: step, carriedTasks: carried.map(mask.apply))
        case .taskCompleted(let step, let task): return .taskCompleted(step: step, task: mask.apply(task))
        case .stepCompleted: return self  // keys masked by `Plan.fingerprints()`, values are hashes
        case .stepFailed(let step, let reason, let continuing):
            return .stepFailed(step: step, reason: mask.apply(reason), continuing: continuing)
        case .finished(let status, let reason, let step): return .finished(status: status, reason: reason.map(mask.apply), currentStep: step)
        case .leaseRenewed: return self
        }
    }
}
