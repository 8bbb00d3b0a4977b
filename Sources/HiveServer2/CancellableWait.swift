import NIOCore
import Synchronization

/// Waits for an `EventLoopFuture` the caller cannot cancel (a TCP connect), returning at once with
/// `CancellationError` when the waiting task is cancelled. The future still completes later: `orphaned` then
/// receives its value (to close a channel nobody will use).
enum CancellableWait {
    static func value<T: Sendable>(
        of future: EventLoopFuture<T>, orphaned: @escaping @Sendable (T) -> Void
    ) async throws -> T {
        let state = Mutex<(continuation: CheckedContinuation<T, any Error>?, cancelled: Bool)>((nil, false))
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                let cancelled = state.withLock { s in
                    if !s.cancelled { s.continuation = continuation }
                    return s.cancelled
                }
                if cancelled { continuation.resume(throwing: CancellationError()) }
                // Exactly one of this and the cancellation handler takes the continuation.
                future.whenComplete { result in
                    let waiting = state.withLock { s in
                        defer { s.continuation = nil }
                        return s.continuation
                    }
                    if let waiting {
                        waiting.resume(with: result)
                    } else if case .success(let value) = result {
                        orphaned(value)
                    }
                }
            }
        } onCancel: {
            let waiting = state.withLock { s in
                s.cancelled = true
                defer { s.continuation = nil }
                return s.continuation
            }
            waiting?.resume(throwing: CancellationError())
        }
    }
}
