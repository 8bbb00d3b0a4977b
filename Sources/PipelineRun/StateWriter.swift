import Foundation
import PipelineState

/// The run's one writer to the state store. Every write of a run (step starts, task completions, failures,
/// lease renewals, the finish) goes through it: one store call at a time, in the order asked, and whatever is
/// asked while a call is in flight goes into the next call as one batch (`StateStore.apply`). So a runner's own
/// writes never race each other: thirty tasks ending together are one or two conditional writes, not thirty
/// competing for one item, and a failed condition is only ever another runner.
///
/// Each call runs in the writer's own task: a signal or a fence cancels the run's work, but a write in flight
/// is finished (or fails by itself), so the store never sees a half-made call whose effect is unknown. A caller
/// waits for the call that carries its transition and gets that call's error.
actor StateWriter {
    private let store: any StateStore
    private let handle: RunHandle
    private let clock: RunClock
    private var queue: [(transition: RunTransition, done: CheckedContinuation<StateError?, Never>)] = []
    private var writing = false
    /// Store calls made, for tests and the benchmark of batching.
    private(set) var calls = 0

    init(store: any StateStore, handle: RunHandle, clock: RunClock) {
        self.store = store
        self.handle = handle
        self.clock = clock
    }

    /// Transitions waiting for the next call (a test's view of the queue).
    var pending: Int { queue.count }

    func write(_ transition: RunTransition) async throws(StateError) {
        let error = await withCheckedContinuation { (done: CheckedContinuation<StateError?, Never>) in
            queue.append((transition, done))
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
        if let error { throw error }
    }

    private func drain() async {
        while !queue.isEmpty {
            let batch = queue
            queue = []
            calls += 1
            var failure: StateError?
            do throws(StateError) {
                try await store.apply(batch.map(\.transition), to: handle, at: clock.now())
            } catch {
                failure = error
            }
            for entry in batch { entry.done.resume(returning: failure) }
        }
        writing = false
    }
}
