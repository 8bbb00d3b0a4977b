import Logging

/// Metrics deliveries (a pushgateway push or wipe, an S3 delete), one after another in the order given, off the
/// pipeline's critical path: `enqueue` returns at once. Each delivery gets a few attempts; one that still fails
/// is logged once with its reason and counted, never thrown: metrics never fail or slow the dataset generation.
public final class DeliveryQueue: Sendable {
    public struct Policy: Sendable {
        /// Attempts per delivery, in all.
        public var attempts: Int
        /// Seconds before attempt 2, 3, ... (the last value repeats).
        public var delays: [Double]

        public init(attempts: Int = 3, delays: [Double] = [0.5, 2]) {
            self.attempts = max(1, attempts)
            self.delays = delays.isEmpty ? [0] : delays
        }
    }

    private struct Job: Sendable {
        var what: String
        var work: @Sendable () async throws -> Void
    }

    private let continuation: AsyncStream<Job>.Continuation
    private let worker: Task<Void, Never>
    private let failed = Locked(0)

    /// `onFailure` runs once per delivery that failed for good (after the log line).
    public init(
        logger: Logger, policy: Policy = Policy(),
        sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) },
        onFailure: @escaping @Sendable () -> Void = {}
    ) {
        let (stream, continuation) = AsyncStream<Job>.makeStream()
        self.continuation = continuation
        let failed = self.failed
        worker = Task {
            for await job in stream {
                var attempt = 0
                while true {
                    attempt += 1
                    do {
                        try await job.work()
                        break
                    } catch {
                        if attempt >= policy.attempts || Task.isCancelled {
                            failed.withLock { $0 += 1 }
                            logger.warning(
                                "metrics: \(job.what) failed after \(attempt) attempt(s), going on without it: \(error)")
                            onFailure()
                            break
                        }
                        let delay = policy.delays[min(attempt - 1, policy.delays.count - 1)]
                        if (try? await sleep(delay)) == nil {
                            failed.withLock { $0 += 1 }
                            logger.warning("metrics: \(job.what) abandoned (stopping): \(error)")
                            onFailure()
                            break
                        }
                    }
                }
            }
        }
    }

    /// Deliveries that failed for good so far.
    public var failures: Int { failed.withLock { $0 } }

    /// Queues `work`; ignored after `drain`.
    public func enqueue(_ what: String, _ work: @escaping @Sendable () async throws -> Void) {
        continuation.yield(Job(what: what, work: work))
    }

    /// Lets the queued deliveries finish, for at most `timeout`; then cancels what is left (an HTTP call in
    /// flight is aborted). Returns false when it had to cancel. Idempotent.
    @discardableResult
    public func drain(timeout: Duration) async -> Bool {
        continuation.finish()
        let worker = self.worker
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await worker.value
                return true
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let finished = await group.next() ?? true
            if !finished { worker.cancel() }
            group.cancelAll()
            await worker.value
            return finished
        }
    }
}
