import Synchronization

/// Awaits `operation` until it returns or the calling task is cancelled, whichever comes first. On cancellation
/// the operation's task is cancelled too, but not waited for: a blocking C call inside it (a MySQL connect) may
/// outlive the wait, and the run must still stop at once. Returns nil when cancelled first.
func abandonable<T: Sendable>(_ operation: @escaping @Sendable () async -> T) async -> T? {
    let box = OneShot<T?>()
    let task = Task { box.resume(await operation()) }
    return await withTaskCancellationHandler {
        await box.value()
    } onCancel: {
        task.cancel()
        box.resume(nil)
    }
}

/// A value delivered once, to one waiter; later deliveries are ignored.
private final class OneShot<T: Sendable>: Sendable {
    private struct State {
        var value: T??
        var waiter: CheckedContinuation<T, Never>?
    }

    private let state = Mutex(State())

    func resume(_ value: T) {
        let waiter = state.withLock { state -> CheckedContinuation<T, Never>? in
            guard state.value == nil else { return nil }
            state.value = .some(value)
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: value)
    }

    func value() async -> T {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> T? in
                if let value = state.value { return value }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
