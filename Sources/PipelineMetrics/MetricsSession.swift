import AWS
import Foundation
import Logging
import PipelinePlan
import PipelineRun
import PipelineState

/// One run's metrics: the runner's own numbers (fed by `reporter(wrapping:)`), the export loop to S3, the
/// pushgateway status, the built-in actions, and `close(_:)` for every exit path.
///
/// Lifecycle (what the executable or the runner calls):
/// 1. `MetricsSession(settings:plan:clusterID:...)` once the plan is known;
/// 2. `register(into:)` the actions, and run with `reporter(wrapping:)` as the runner's reporter: the run's events
///    feed the metrics and push `pdm_status` (start, end of the work, final status);
/// 3. `await close(summary)` after the run, whatever its end (success, failure, signal, takeover): stops the
///    export loop for good, deletes the object if the run's own flush did not, and waits (bounded) for queued
///    deliveries. Nothing is uploaded after `close` returns, nor after the final delete.
public final class MetricsSession: Sendable {
    public let settings: MetricsSettings
    let labels: StatusLabels
    let file: MetricsFile
    let location: S3Location?
    let store: (any ObjectStore)?
    let pushgateway: PushgatewayClient?
    let logger: Logger
    let now: @Sendable () -> Date
    let sleep: @Sendable (Duration) async throws -> Void
    let drainTimeout: Duration

    let s3Queue: DeliveryQueue
    let gatewayQueue: DeliveryQueue

    struct State: Sendable {
        var metrics = RunMetricsState()
        var status = StatusTracker()
        var lastHive: CodahaleDocument?
        var hiveUnreadable = false
        var outputFailing = false
        var uploadFailures = 0
        var loop: ExportLoop?
        /// Stopped for good (by `metrics.export-stop`, a delete while it ran, or `close`): never starts again.
        var exportClosed = false
        var finalDeleteQueued = false
        var closed = false
    }

    let state = Locked(State())

    /// Throws when `settings.s3` or `settings.pushgateway` cannot be used (the planner checks their shape).
    public init(
        settings: MetricsSettings, plan: Plan, clusterID: String, store: (any ObjectStore)?, http: any HTTPClient,
        logger: Logger, policy: DeliveryQueue.Policy = DeliveryQueue.Policy(), drainTimeout: Duration = .seconds(20),
        now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) throws(MetricsConfigurationError) {
        self.settings = settings
        labels = StatusLabels(
            snapshotType: plan.run.snapshotType, exportDate: plan.run.exportDate, clusterID: clusterID,
            correlationID: plan.run.correlationID)
        file = MetricsFile(hive: settings.file.map { URL(fileURLWithPath: $0) })
        if let s3 = settings.s3 {
            guard let location = S3Location(s3) else { throw .invalid("metrics s3 '\(s3)' is not s3://BUCKET/KEY") }
            self.location = location
            self.store = store
        } else {
            location = nil
            self.store = nil
        }
        pushgateway = try settings.pushgateway.map { url throws(MetricsConfigurationError) in try PushgatewayClient(url: url, http: http) }
        self.logger = logger
        self.now = now
        self.sleep = sleep
        self.drainTimeout = drainTimeout
        let state = self.state
        let counted: @Sendable () -> Void = { state.withLock { $0.metrics.deliveryFailures += 1 } }
        let seconds: @Sendable (Double) async throws -> Void = { try await sleep(.milliseconds(Int64($0 * 1000))) }
        s3Queue = DeliveryQueue(logger: logger, policy: policy, sleep: seconds, onFailure: counted)
        gatewayQueue = DeliveryQueue(logger: logger, policy: policy, sleep: seconds, onFailure: counted)
    }

    /// The runner's reporter: every event goes to `inner` and into the metrics.
    public func reporter(wrapping inner: any RunReporter) -> any RunReporter {
        MetricsReporter(inner: inner, session: self)
    }

    /// Folds one event in and queues the pushes it implies.
    func record(_ event: RunEvent) {
        let at = now()
        let deliveries = state.withLock { s in
            s.metrics.apply(event, at: at)
            return s.status.apply(event, at: at)
        }
        deliver(deliveries)
    }

    func deliver(_ deliveries: [StatusTracker.Delivery]) {
        guard let pushgateway else { return }
        let labels = self.labels
        for delivery in deliveries {
            switch delivery {
            case .push(let status):
                gatewayQueue.enqueue("push pdm_status=\(status.rawValue)") { try await pushgateway.push(status, labels: labels) }
            case .wipe:
                gatewayQueue.enqueue("pushgateway wipe") { try await pushgateway.wipe() }
            }
        }
    }

    /// The current metrics: Hive's latest document (or the last one that parsed) with ours merged in.
    public func document() -> CodahaleDocument {
        let hive = file.readHive()
        let at = now()
        return state.withLock { s in
            var doc: CodahaleDocument
            switch hive {
            case .success(let read):
                doc = read ?? CodahaleDocument()
                s.lastHive = read
                s.hiveUnreadable = false
            case .failure(let error):
                doc = s.lastHive ?? CodahaleDocument()
                if !s.hiveUnreadable { logger.notice("metrics: Hive's file is unusable for now, keeping its last good values: \(error)") }
                s.hiveUnreadable = true
            }
            doc.merge(gauges: s.metrics.gauges(at: at), counters: s.metrics.counters)
            return doc
        }
    }

    /// One tick of the export loop: merge, write the local file, upload. Failures are logged once per streak.
    func exportOnce() async {
        let data = document().encoded()
        if let output = file.output {
            do {
                try MetricsFile.writeAtomically(data, to: output)
                state.withLock { $0.outputFailing = false }
            } catch {
                let first = state.withLock { s in defer { s.outputFailing = true }; return !s.outputFailing }
                if first { logger.warning("metrics: cannot write \(output.path): \(error)") }
            }
        }
        guard let store, let location else { return }
        do {
            try await store.put(data, at: location)
            let failures = state.withLock { s in defer { s.uploadFailures = 0 }; return s.uploadFailures }
            if failures > 0 { logger.notice("metrics: upload to \(location) works again after \(failures) failed attempt(s)") }
        } catch {
            let first = state.withLock { s in
                s.uploadFailures += 1
                s.metrics.deliveryFailures += 1
                return s.uploadFailures == 1
            }
            if first { logger.warning("metrics: upload to \(location) failed, retrying every \(DurationText.format(settings.exportEverySeconds)): \(error)") }
        }
    }

    /// The runner's metrics so far (tests, `metrics show`).
    public var runMetrics: RunMetricsState { state.withLock { $0.metrics } }
    public var statusTracker: StatusTracker { state.withLock { $0.status } }
}

/// Tees run events into a session.
struct MetricsReporter: RunReporter {
    var inner: any RunReporter
    var session: MetricsSession

    func report(_ event: RunEvent) {
        session.record(event)
        inner.report(event)
    }
}
