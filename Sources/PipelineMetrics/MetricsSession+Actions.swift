import Foundation
import PipelinePlan
import PipelineRun
import PipelineState

extension MetricsSession {
    /// Registers `metrics.delete-s3`, `metrics.export-start`, `metrics.export-stop` and `pushgateway.wipe`.
    /// With no session (no `metrics { }` block), each one says so in its task log and succeeds.
    public static func register(_ session: MetricsSession?, into registry: inout ActionRegistry) {
        for action in [BuiltinAction.metricsDeleteS3, .metricsExportStart, .metricsExportStop, .pushgatewayWipe] {
            registry.register(action.rawValue) { context in
                guard let session else {
                    context.log("\(action.rawValue): no metrics block in this pipeline, nothing to do")
                    return
                }
                try await session.perform(action, context)
            }
        }
    }

    func perform(_ action: BuiltinAction, _ context: ActionContext) async throws {
        switch action {
        case .metricsExportStart:
            guard location != nil || file.output != nil else {
                context.log("metrics.export-start: no s3 and no file in the metrics block, nothing to export")
                return
            }
            context.log(startExport()
                ? "metrics.export-start: exporting every \(DurationText.format(settings.exportEverySeconds)) to \(location?.description ?? file.output!.path)"
                : "metrics.export-start: the export already ran in this run; not started again")
        case .metricsExportStop:
            try await waitGraceIfFinal(context)
            await stopExport()
            context.log("metrics.export-stop: stopped; nothing is uploaded after this")
        case .metricsDeleteS3:
            guard let location, let store else {
                context.log("metrics.delete-s3: no s3 in the metrics block, nothing to delete")
                return
            }
            let final = try await waitGraceIfFinal(context)
            // A delete while the loop runs would be undone by its next upload: stop it first.
            if isExporting { await stopExport() }
            if final { state.withLock { $0.finalDeleteQueued = true } }
            s3Queue.enqueue("delete \(location)") { try await store.delete(location) }
            context.log("metrics.delete-s3: delete of \(location) queued")
        case .pushgatewayWipe:
            guard pushgateway != nil else {
                context.log("pushgateway.wipe: no pushgateway in the metrics block, nothing to wipe")
                return
            }
            try await waitGraceIfFinal(context)
            let (deliveries, kept) = state.withLock { s in (s.status.wipe(), s.status.keepsFinalStatus) }
            deliver(deliveries)
            context.log(kept
                ? "pushgateway.wipe: the run did not complete: pdm_status \(state.withLock { $0.status.finalStatus.rawValue }) stays on the gateway for the alert until the next run's courtesy flush"
                : "pushgateway.wipe: wipe queued")
        case .sleep:
            break
        }
    }

    /// After the work has ended, a final flush waits until `grace` has passed since then: one grace period for
    /// all the final flushes, not one each, and none at all when it has already gone by. Returns whether this
    /// is a final flush. Throws when the run is stopped meanwhile (a signal).
    @discardableResult
    func waitGraceIfFinal(_ context: ActionContext) async throws -> Bool {
        guard let ended = state.withLock({ $0.status.workEnded }) else { return false }
        let left = ended.addingTimeInterval(settings.graceSeconds).timeIntervalSince(now())
        if left > 0 {
            context.log("waiting the rest of the grace period (\(DurationText.format(left))) so the scraper sees the final values")
            try await sleep(.milliseconds(Int64((left * 1000).rounded(.up))))
        }
        return true
    }

    func startExport() -> Bool {
        state.withLock { s in
            guard !s.exportClosed, s.loop == nil else { return false }
            let loop = ExportLoop(
                interval: .milliseconds(Int64(settings.exportEverySeconds * 1000)),
                tick: { [weak self] in await self?.exportOnce() }, sleep: sleep)
            s.loop = loop
            loop.start()
            return true
        }
    }

    var isExporting: Bool { state.withLock { s in s.loop != nil && !s.exportClosed } }

    /// Stops the loop for good; when this returns no upload is running or will run.
    func stopExport() async {
        let loop = state.withLock { s in
            s.exportClosed = true
            return s.loop
        }
        await loop?.stop()
    }

    /// Every exit path ends here (idempotent): the loop stops for good; if the run was ours and its own final
    /// delete did not happen (failed before the flush, cancelled, refused), the object is deleted now, after the
    /// stop; queued deliveries get `drainTimeout` to finish. A run taken over from us (exit 3) leaves the object
    /// and the status to the new owner. No wipe here: it would hide the final status the scraper has not seen yet;
    /// the next run's courtesy flush clears it.
    public func close(_ summary: RunSummary) async {
        let first = state.withLock { s in defer { s.closed = true }; return !s.closed }
        guard first else { return }
        await stopExport()
        let (started, deleted) = state.withLock { ($0.status.started, $0.finalDeleteQueued) }
        if started, !deleted, summary.exitCode != .stateConflict, let location, let store {
            s3Queue.enqueue("delete \(location)") { try await store.delete(location) }
        }
        let s3Done = await s3Queue.drain(timeout: drainTimeout)
        let gatewayDone = await gatewayQueue.drain(timeout: drainTimeout)
        if !s3Done || !gatewayDone {
            logger.warning("metrics: deliveries still pending after \(drainTimeout) were abandoned")
        }
        let failures = state.withLock { $0.metrics.deliveryFailures }
        if failures > 0 {
            logger.warning("metrics: \(failures) metrics delivery attempt(s) failed in this run (see above); the pipeline was not affected")
        }
    }
}
