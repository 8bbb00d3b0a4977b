import Foundation
import PipelineState
import Synchronization

/// Why a run stops before its work is done, for the final record and the exit code.
public enum StopReason: Sendable, Hashable, CustomStringConvertible {
    /// SIGINT or SIGTERM (EMR cancelling the step): recorded CANCELLED, exit 130 / 143.
    case signal(Int32)
    /// The store says the run is no longer ours (another runner took it over): nothing more is written, exit 3.
    case superseded(StateError)
    /// Renewals kept failing and the lease is about to run out: the runner fences itself off before another
    /// runner may legitimately take over, exit 5.
    case leaseExpiring(String)

    public var description: String {
        switch self {
        case .signal(let number): return "interrupted by \(Self.name(of: number))"
        case .superseded(let error): return "fenced off: \(error)"
        case .leaseExpiring(let why): return "fenced off: the lease could not be renewed before it ran out (\(why))"
        }
    }

    public static func name(of signal: Int32) -> String {
        signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "signal \(signal)"
    }
}

/// Connects a signal or a fence (any stop request) to the running work. Safe to trigger before the work exists:
/// the work is then cancelled as soon as it is registered. The first reason wins.
public final class RunCancellation: Sendable {
    private struct State {
        var reason: StopReason?
        var cancel: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    public init() {}

    /// Stops the run: no new task starts, running process groups are terminated.
    public func cancel(signal: Int32) {
        stop(.signal(signal))
    }

    public func stop(_ reason: StopReason) {
        let cancel = state.withLock { state -> (@Sendable () -> Void)? in
            if state.reason == nil { state.reason = reason }
            return state.cancel
        }
        cancel?()
    }

    public var reason: StopReason? { state.withLock { $0.reason } }

    public var signal: Int32? {
        if case .signal(let number) = reason { return number }
        return nil
    }

    /// Replaces the work to cancel (each phase of the run registers its own task).
    func register(_ cancel: @escaping @Sendable () -> Void) {
        let already = state.withLock { state -> Bool in
            state.cancel = cancel
            return state.reason != nil
        }
        if already { cancel() }
    }
}
