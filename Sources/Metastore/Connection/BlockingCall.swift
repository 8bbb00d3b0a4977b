import Foundation
import Synchronization

/// Runs blocking libmariadb work on a thread of its own, off the cooperative pool, and bridges the result back.
///
/// libmariadb cannot be interrupted: `mysql_real_connect` against a black hole blocks until its connect timeout,
/// and curl's progress-callback trick (`AWS/CurlHTTPClient`) has no equivalent here. So a cancelled Task does not
/// wait for it: `run` returns nil at once and the thread is abandoned. That is safe because the work owns
/// everything it touches: it captures only `Sendable` values (the `ConnectionConfig`, its own copy of the
/// password), creates its `MYSQL*` itself and closes it when the C call finally returns; its result is then
/// dropped. Nothing the caller frees is ever reachable from that thread.
enum BlockingCall {
    /// `work`'s result, or nil when the calling Task was cancelled first (before or while it ran).
    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T? {
        let handoff = Handoff<T>()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // Already cancelled: resumed with nil, and the work never starts.
                guard handoff.install(continuation) else { return }
                Thread.detachNewThread { handoff.finish(work()) }
            }
        } onCancel: {
            handoff.cancel()
        }
    }
}

/// Resumes the continuation exactly once: with the work's result, or with nil on cancellation, whichever
/// comes first. Cancellation may come before the continuation exists (`withTaskCancellationHandler` runs
/// `onCancel` at once for a Task that is already cancelled).
private final class Handoff<T: Sendable>: Sendable {
    private enum State {
        case starting
        case waiting(CheckedContinuation<T?, Never>)
        case cancelledEarly
        case resumed
    }

    private let state = Mutex(State.starting)

    /// False when cancelled already; the continuation has then been resumed with nil.
    func install(_ continuation: CheckedContinuation<T?, Never>) -> Bool {
        let installed = state.withLock { state -> Bool in
            guard case .starting = state else { return false }
            state = .waiting(continuation)
            return true
        }
        if !installed { continuation.resume(returning: nil) }
        return installed
    }

    func finish(_ value: T) {
        take()?.resume(returning: value)
    }

    func cancel() {
        let waiting = state.withLock { state -> CheckedContinuation<T?, Never>? in
            switch state {
            case .starting:
                state = .cancelledEarly
                return nil
            case .waiting(let continuation):
                state = .resumed
                return continuation
            case .cancelledEarly, .resumed:
                return nil
            }
        }
        waiting?.resume(returning: nil)
    }

    private func take() -> CheckedContinuation<T?, Never>? {
        state.withLock { state in
            guard case .waiting(let continuation) = state else { return nil }
            state = .resumed
            return continuation
        }
    }
}
