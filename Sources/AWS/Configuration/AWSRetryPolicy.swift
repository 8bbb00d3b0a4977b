import Foundation

/// Exponential backoff with full jitter (the delay before retry n is uniform in 0...min(maxDelay, base·2ⁿ)),
/// on throttling, 5xx and connection failures, bounded by `maxAttempts` attempts in all and, when `budget` is
/// set, by a total time: no retry starts later than `budget` seconds after the first attempt started (the last
/// sleep is shortened to land on the budget, so an outage shorter than the budget is always ridden out).
/// Sleep, randomness and the clock are injected so tests can record the delays instead of waiting.
public struct AWSRetryPolicy: Sendable {
    public var maxAttempts: Int
    public var baseDelay: Double
    public var maxDelay: Double
    /// Seconds from the first attempt after which no further attempt starts; nil: only `maxAttempts` bounds.
    public var budget: Double?
    /// Sleeps the given seconds (throws on cancellation).
    public var sleep: @Sendable (Double) async throws -> Void
    /// A uniformly random number in 0...upperBound.
    public var random: @Sendable (Double) -> Double
    /// Monotonic seconds, for the budget (never the wall clock: a clock step must not end or extend an outage).
    public var now: @Sendable () -> Double

    public init(
        maxAttempts: Int = 5, baseDelay: Double = 0.05, maxDelay: Double = 5, budget: Double? = nil,
        sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) },
        random: @escaping @Sendable (Double) -> Double = { Double.random(in: 0...$0) },
        now: @escaping @Sendable () -> Double = AWSRetryPolicy.monotonicSeconds
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.budget = budget.map { max(0, $0) }
        self.sleep = sleep
        self.random = random
        self.now = now
    }

    /// The policy of state-store calls: as many attempts as fit in `budget` seconds, delays capped at 5 s.
    /// A state write lost to a DynamoDB blip would fail an hours-long run, so it waits out an outage instead.
    public static func timeBudget(
        _ budget: Double, maxDelay: Double = 5,
        sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) },
        random: @escaping @Sendable (Double) -> Double = { Double.random(in: 0...$0) },
        now: @escaping @Sendable () -> Double = AWSRetryPolicy.monotonicSeconds
    ) -> AWSRetryPolicy {
        AWSRetryPolicy(maxAttempts: .max, baseDelay: 0.05, maxDelay: maxDelay, budget: budget, sleep: sleep, random: random, now: now)
    }

    /// The upper bound of the jittered delay after the `retry`-th failure (0-based).
    public func delayCap(retry: Int) -> Double {
        min(maxDelay, baseDelay * Double(1 << min(retry, 30)))
    }

    public func delay(retry: Int) -> Double {
        min(delayCap(retry: retry), max(0, random(delayCap(retry: retry))))
    }

    /// The delay before the next attempt after `attempts` failed ones, the first having started at `start`
    /// (a `now()` reading); nil when the attempts or the time budget are used up.
    public func nextDelay(afterAttempts attempts: Int, startedAt start: Double) -> Double? {
        guard attempts < maxAttempts else { return nil }
        let wanted = delay(retry: attempts - 1)
        guard let budget else { return wanted }
        let remaining = budget - (now() - start)
        guard remaining > 0 else { return nil }
        return min(wanted, remaining)
    }

    public static let throttlingCodes: Set<String> = [
        "ProvisionedThroughputExceededException", "ThrottlingException", "Throttling", "RequestLimitExceeded",
        "TooManyRequestsException", "SlowDown", "RequestThrottled", "RequestThrottledException",
    ]

    /// Throttling, any 5xx, timeouts and connection failures are worth another try; all else is final.
    public static func isRetryable(_ error: AWSError) -> Bool {
        switch error {
        case .service(_, _, let status, let code, _): return status >= 500 || throttlingCodes.contains(code)
        case .transport, .timeout: return true
        default: return false
        }
    }

    @Sendable public static func monotonicSeconds() -> Double {
        return Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }
}
