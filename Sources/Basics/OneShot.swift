import Foundation
import Synchronization

/// A value delivered once, to one waiter, by whichever comes first: the work, a cancellation handler, a
/// callback. Later deliveries are refused (`deliver` returns false), so the loser can clean up what it holds.
///
/// The one bridge between callers that cannot be awaited (a thread, an event-loop future, an abandoned task) and
/// async code: a wait for it is as cancellable as the caller makes it (deliver the cancellation value from
/// `withTaskCancellationHandler`'s `onCancel`), and nothing ever resumes a continuation twice.
public final class OneShot<T: Sendable>: Sendable {
    private struct State {
        var value: T?
        var delivered = false
        var waiter: CheckedContinuation<T, Never>?
    }

    private let state = Mutex(State())

    public init() {}

    /// Delivers `value` to the waiter (now or when it comes); false when a value was delivered already.
    @discardableResult
    public func deliver(_ value: T) -> Bool {
        let (accepted, waiter) = state.withLock { state -> (Bool, CheckedContinuation<T, Never>?) in
            guard !state.delivered else { return (false, nil) }
            state.delivered = true
            state.value = value
            defer { state.waiter = nil }
            return (true, state.waiter)
        }
        waiter?.resume(returning: value)
        return accepted
    }

    /// Whether a value was delivered (work that should not start once its waiter was given up checks this).
    public var isDelivered: Bool { state.withLock { $0.delivered } }

    /// Waits for the value (at once when it was delivered); one waiter at a time.
    public func value() async -> T {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> T? in
                if state.delivered, let value = state.value { return value }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}

/// Blocking work (a child's `waitUntilExit`, a C library call that cannot be interrupted, polling `/proc`) on a
/// thread of its own (from `ThreadReserve.shared`): the cooperative pool has one thread per core, and a call that
/// blocks one stalls every other task of the process.
public enum OwnThread {
    /// `work`'s result, the calling task suspended (not blocked) meanwhile. Not cancellable: it returns when
    /// `work` does.
    public static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        let result = OneShot<T>()
        ThreadReserve.shared.run { result.deliver(work()) }
        return await result.value()
    }

    /// `work`'s result, or nil at once when the calling task is cancelled first (before or while it runs): the
    /// thread is then abandoned and its result dropped, so `work` must own everything it touches. A caller that
    /// is cancelled already never starts it.
    public static func abandonable<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T? {
        let result = OneShot<T?>()
        return await withTaskCancellationHandler {
            if !result.isDelivered {
                ThreadReserve.shared.run { result.deliver(work()) }
            }
            return await result.value()
        } onCancel: {
            result.deliver(nil)
        }
    }
}
