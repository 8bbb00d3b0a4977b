import Synchronization

/// Connects a signal (or any stop request) to the running scheduler. Safe to trigger before the work exists:
/// the work is then cancelled as soon as it is registered.
public final class RunCancellation: Sendable {
    private struct State {
        var signal: Int32?
        var cancel: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    public init() {}

    /// Stops the run: no new task starts, running process groups are terminated.
    public func cancel(signal: Int32) {
        let cancel = state.withLock { state -> (@Sendable () -> Void)? in
            if state.signal == nil { state.signal = signal }
            return state.cancel
        }
        cancel?()
    }

    public var signal: Int32? { state.withLock { $0.signal } }

    func register(_ cancel: @escaping @Sendable () -> Void) {
        let already = state.withLock { state -> Bool in
            state.cancel = cancel
            return state.signal != nil
        }
        if already { cancel() }
    }
}
