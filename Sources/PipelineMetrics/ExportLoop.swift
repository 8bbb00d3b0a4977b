import Synchronization

/// Runs `tick` now and then every `interval` until stopped.
///
/// `stop()` is the guarantee the original lacked (its loop re-uploaded after the final delete): when it returns,
/// no tick is running and none will start. A tick in flight is waited for, not cancelled: an upload aborted on our
/// side may still be completed by the server after our delete; one that ends normally is ordered before it.
/// Ticks bound themselves (the upload's HTTP timeouts), so `stop()` waits at most one tick.
public final class ExportLoop: Sendable {
    private enum Phase { case idle, ticking, sleeping, stopped }
    private struct State {
        var phase: Phase = .idle
        var task: Task<Void, Never>?
    }

    private let state = Mutex(State())
    private let interval: Duration
    private let tick: @Sendable () async -> Void
    private let sleep: @Sendable (Duration) async throws -> Void

    public init(
        interval: Duration, tick: @escaping @Sendable () async -> Void,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.interval = interval
        self.tick = tick
        self.sleep = sleep
    }

    /// Starts the loop; false if it is running already or was stopped (a stopped loop never starts again).
    @discardableResult
    public func start() -> Bool {
        state.withLock { s in
            guard s.phase == .idle, s.task == nil else { return false }
            s.task = Task { await self.loop() }
            return true
        }
    }

    public var isRunning: Bool { state.withLock { $0.task != nil && $0.phase != .stopped } }

    /// After this returns, `tick` is not running and will not run again.
    public func stop() async {
        let task: Task<Void, Never>? = state.withLock { s in
            let wasSleeping = s.phase == .sleeping
            s.phase = .stopped
            if wasSleeping { s.task?.cancel() }
            return s.task
        }
        await task?.value
    }

    private func loop() async {
        while true {
            guard enter(.ticking) else { return }
            await tick()
            guard enter(.sleeping) else { return }
            do { try await sleep(interval) } catch { return }
        }
    }

    /// Moves to `phase` unless stopped; the check and the move are one step under the lock, so a stop either
    /// comes before (no tick starts) or after (stop waits for the tick, or cancels the sleep).
    private func enter(_ phase: Phase) -> Bool {
        state.withLock { s in
            guard s.phase != .stopped else { return false }
            s.phase = phase
            return true
        }
    }
}
