import Foundation
import PipelineRun
import Synchronization

/// Runs one piece of async work under SIGINT/SIGTERM: the first signal cancels it and is remembered, so the
/// command can exit 130/143 at once instead of dying mid-way or, worse, ignoring the signal until a blocking
/// call returns (the metastore connect used to run on to its timeout). The trap is installed before the work
/// starts, so a signal in between is not lost.
public final class Interruptible: Sendable {
    private struct State {
        var signal: Int32?
        var cancel: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    /// `work`'s result or error; `Interrupted` when a signal stopped it (`work` was cancelled, its outcome dropped).
    public static func run<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let stop = Interruptible()
        let trap = SignalTrap { stop.interrupt($0) }
        let task = Task { try await work() }
        stop.register { task.cancel() }
        let outcome = await task.result
        withExtendedLifetime(trap) {}
        if let signal = stop.state.withLock({ $0.signal }) { throw Interrupted(signal: signal) }
        return try outcome.get()
    }

    private func interrupt(_ signal: Int32) {
        let cancel = state.withLock { state -> (@Sendable () -> Void)? in
            if state.signal == nil { state.signal = signal }
            return state.cancel
        }
        cancel?()
    }

    private func register(_ cancel: @escaping @Sendable () -> Void) {
        let signalled = state.withLock { state -> Bool in
            state.cancel = cancel
            return state.signal != nil
        }
        if signalled { cancel() }
    }
}

/// A command stopped by a signal: exit 128 + the signal number, with one line saying so.
public struct Interrupted: Error, Sendable {
    public var signal: Int32

    public var status: ExitStatus { ExitStatus(signal: signal) }
    public var name: String { StopReason.name(of: signal) }
}
