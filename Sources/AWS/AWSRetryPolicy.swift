/// Exponential backoff with full jitter (the delay before retry n is uniform in 0...min(maxDelay, base·2ⁿ)),
/// on throttling, 5xx and connection failures, for at most `maxAttempts` attempts in all. Sleep and
/// randomness are injected so tests can record the delays instead of waiting.
public struct AWSRetryPolicy: Sendable {
    public var maxAttempts: Int
    public var baseDelay: Double
    public var maxDelay: Double
    /// Sleeps the given seconds (throws on cancellation).
    public var sleep: @Sendable (Double) async throws -> Void
    /// A uniformly random number in 0...upperBound.
    public var random: @Sendable (Double) -> Double

    public init(
        maxAttempts: Int = 5, baseDelay: Double = 0.05, maxDelay: Double = 5,
        sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) },
        random: @escaping @Sendable (Double) -> Double = { Double.random(in: 0...$0) }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.sleep = sleep
        self.random = random
    }

    /// The upper bound of the jittered delay after the `retry`-th failure (0-based).
    public func delayCap(retry: Int) -> Double {
        min(maxDelay, baseDelay * Double(1 << min(retry, 30)))
    }

    public func delay(retry: Int) -> Double {
        min(delayCap(retry: retry), max(0, random(delayCap(retry: retry))))
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
}
