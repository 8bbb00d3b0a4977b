import PipelinePlan

extension RetryPolicy {
    /// Seconds to wait after failed attempt `attempt` (from 1). Exponential backoff with `jitter` uses full
    /// jitter (uniform between 0 and the backoff), so tasks failing together do not retry together.
    public func wait(after attempt: Int, random: () -> Double) -> Double {
        let base = delay(after: attempt)
        guard backoff == .exponential, jitter else { return base }
        return base * random()
    }
}
