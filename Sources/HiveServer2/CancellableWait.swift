import Basics
import NIOCore

/// Waits for an `EventLoopFuture` the caller cannot cancel (a TCP connect), returning at once with
/// `CancellationError` when the waiting task is cancelled. The future still completes later: `orphaned` then
/// receives its value (to close a channel nobody will use).
enum CancellableWait {
    static func value<T: Sendable>(
        of future: EventLoopFuture<T>, orphaned: @escaping @Sendable (T) -> Void
    ) async throws -> T {
        let result = OneShot<Result<T, any Error>>()
        return try await withTaskCancellationHandler {
            future.whenComplete { outcome in
                // The waiter gave up first: nobody takes the value but its orphan handler.
                if !result.deliver(outcome), case .success(let value) = outcome { orphaned(value) }
            }
            return try await result.value().get()
        } onCancel: {
            result.deliver(.failure(CancellationError()))
        }
    }
}
