import Foundation
import PipelineState

/// The run's handle on the state store, with the clock filled in.
///
/// Every write runs in its own unstructured task: a signal or a fence cancels the run's work, but a write in
/// flight is finished (or fails by itself), so the store never sees a half-made call whose effect is unknown.
struct StateRecorder: Sendable {
    var store: any StateStore
    var handle: RunHandle
    var clock: RunClock

    func stepStarted(_ step: String, carried: [String]) async throws(StateError) {
        try await shielded { [self] () throws(StateError) in
            try await store.stepStarted(handle, step: step, carriedTasks: carried, at: clock.now())
        }
    }

    func taskCompleted(_ step: String, _ task: String) async throws(StateError) {
        try await shielded { [self] () throws(StateError) in
            try await store.taskCompleted(handle, step: step, task: task, at: clock.now())
        }
    }

    func stepFailed(_ step: String, reason: String, continuing: Bool) async throws(StateError) {
        try await shielded { [self] () throws(StateError) in
            try await store.stepFailed(handle, step: step, reason: reason, continuing: continuing, at: clock.now())
        }
    }

    func finish(_ status: RunStatus, reason: String?, currentStep: String? = nil) async throws(StateError) {
        try await shielded { [self] () throws(StateError) in
            try await store.finish(handle, status: status, reason: reason, currentStep: currentStep, at: clock.now())
        }
    }

    func renewLease(for seconds: TimeInterval) async throws(StateError) {
        try await shielded { [self] () throws(StateError) in
            let now = clock.now()
            try await store.renewLease(handle, until: now.addingTimeInterval(seconds), at: now)
        }
    }

    private func shielded(_ write: @escaping @Sendable () async throws(StateError) -> Void) async throws(StateError) {
        let result = await Task { () async -> Result<Void, StateError> in
            do throws(StateError) {
                try await write()
                return .success(())
            } catch {
                return .failure(error)
            }
        }.value
        try result.get()
    }
}
