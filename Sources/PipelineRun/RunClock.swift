import Foundation

/// Time and chance, injected so tests decide them: the run's one clock. Nothing in a run reads the time or
/// waits except through it.
///
/// Two kinds of wait, because tests fake them differently: `sleep` is a delay the work asks for (a retry's wait,
/// the `sleep` action), which a test may skip (`FakeSleeps`); `timer` is a wait the runner times for itself (lease
/// renewals, the lease deadline's checks, the wait after a takeover, a runner-side task's timeout), which must
/// stay a real wait under such a test (or the lease timers would spin) unless the clock is wholly virtual
/// (`TestClock`, where both wait for the test to move time).
public struct RunClock: Sendable {
    /// The wall clock: the state store's timestamps, summaries, the lease's instants.
    public var now: @Sendable () -> Date
    public var sleep: @Sendable (Duration) async throws -> Void
    /// Monotonic, real time by default (`Task.sleep`). Throws when cancelled.
    public var timer: @Sendable (Duration) async throws -> Void
    /// Uniform in [0, 1).
    public var random: @Sendable () -> Double

    public init(
        now: @escaping @Sendable () -> Date, sleep: @escaping @Sendable (Duration) async throws -> Void,
        timer: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        random: @escaping @Sendable () -> Double
    ) {
        self.now = now
        self.sleep = sleep
        self.timer = timer
        self.random = random
    }

    public static let system = RunClock(
        now: { Date() }, sleep: { try await Task.sleep(for: $0) }, random: { Double.random(in: 0..<1) })
}

