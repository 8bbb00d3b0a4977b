import Basics

/// Awaits `operation` until it returns or the calling task is cancelled, whichever comes first. On cancellation
/// the operation's task is cancelled too, but not waited for: a blocking C call inside it (a MySQL connect) may
/// outlive the wait, and the run must still stop at once. Returns nil when cancelled first.
func abandonable<T: Sendable>(_ operation: @escaping @Sendable () async -> T) async -> T? {
    let result = OneShot<T?>()
    let task = Task { result.deliver(await operation()) }
    return await withTaskCancellationHandler {
        await result.value()
    } onCancel: {
        task.cancel()
        result.deliver(nil)
    }
}
