import Foundation
import PipelinePlan
import Testing

@testable import PipelineRun

@testable import PipelineMetrics

/// The run's metrics sequence through the real runner with recording fakes (the live S3 and pushgateway tests
/// are in LiveS3Tests and LivePushgatewayTests).
@Suite struct ExportSequenceTests {
    func session(
        _ p: Plan, store: RecordingStore, gateway: RecordingGateway, sleeps: RecordingSleeps, settings: MetricsSettings
    ) throws -> MetricsSession {
        try MetricsSession(
            settings: settings, plan: p, clusterID: "j-TEST", store: store, http: gateway, logger: quietLogger,
            policy: DeliveryQueue.Policy(attempts: 2, delays: [0]), drainTimeout: .seconds(5), now: sleeps.now, sleep: sleeps.sleep)
    }

    func run(_ p: Plan, _ session: MetricsSession, scratch: Scratch) async -> RunSummary {
        var actions = ActionRegistry.builtins
        MetricsSession.register(session, into: &actions)
        let runner = Runner(store: scratch.store, actions: actions, reporter: session.reporter(wrapping: EventLog()))
        let summary = await runner.run(p, options: scratch.options())
        await session.close(summary)
        return summary
    }

    @Test func deletedAtStartUploadedWhileRunningDeletedAtTheEndNeverAfter() async throws {
        let scratch = try Scratch()
        let settings = MetricsSettings(s3: "s3://bucket/metrics/pdm-metrics.json", exportEverySeconds: 0.01, pushgateway: "http://gw:9091", graceSeconds: 180)
        let p = pdmShape(work: [action("work/a", "sleep", [KeyValue("duration", "200ms")])], metrics: settings)
        let store = RecordingStore(), gateway = RecordingGateway(), sleeps = RecordingSleeps()
        let metrics = try session(p, store: store, gateway: gateway, sleeps: sleeps, settings: settings)
        let summary = await run(p, metrics, scratch: scratch)
        #expect(summary.exitCode == .success)

        let events = store.events
        #expect(events.first == .delete)
        #expect(events.last == .delete)
        #expect(events.filter { $0 == .putEnded }.count >= 2)
        let finalDelete = try #require(events.lastIndex(of: .delete))
        #expect(!events[..<finalDelete].dropFirst().contains(.delete))
        #expect(events.count == 2 + events.filter { $0 != .delete }.count)
        // Every put ended, and ended before the final delete.
        #expect(events.filter { $0 == .putBegan }.count == events.filter { $0 == .putEnded }.count)

        // The last upload holds the final values.
        let last = try CodahaleDocument(parsing: try #require(store.bodies.last))
        #expect(last.gauge("state_step_work") == 0)
        #expect(last.counter("pdm_tasks_run")! >= 4)  // the two courtesy actions, export-start, the work task, ...
        #expect(last.gauge("pdm_run_id") == 1)

        // pdm_status: started, a courtesy wipe (then started again), completed at the end of the work, the final wipe.
        #expect(gateway.requests == ["push 1.0", "wipe", "push 1.0", "push 2.0", "wipe"])

        // One grace period for both final flushes, not one each.
        let graces = sleeps.durations.filter { $0 > .seconds(60) }
        #expect(graces.count == 1)
        #expect(graces.allSatisfy { $0 <= .seconds(180) && $0 > .seconds(170) })
    }

    /// The final flush does not wipe a failed run's status: it stays for the alert until the next run's courtesy
    /// flush, as the original left it (its flush steps never ran after a failure). The S3 object still goes.
    @Test func aFailedRunPushesFailedKeepsItOnTheGatewayAndStillDeletesTheObject() async throws {
        let scratch = try Scratch()
        let settings = MetricsSettings(s3: "s3://bucket/m.json", exportEverySeconds: 0.01, pushgateway: "http://gw:9091", graceSeconds: 0)
        let p = pdmShape(work: [action("work/bad", "no-such-action")], metrics: settings)
        let store = RecordingStore(), gateway = RecordingGateway(), sleeps = RecordingSleeps()
        let summary = await run(p, try session(p, store: store, gateway: gateway, sleeps: sleeps, settings: settings), scratch: scratch)
        #expect(summary.exitCode == .stepFailed)
        #expect(store.events.last == .delete)
        #expect(gateway.requests == ["push 1.0", "wipe", "push 1.0", "push 3.0"])
    }

    /// A run stopped by a signal skips the flush steps; `close` stops the loop and deletes the object; the
    /// cancelled status stays on the gateway (no wipe: the scraper must see it).
    @Test func aCancelledRunIsCleanedUpByClose() async throws {
        let scratch = try Scratch()
        let settings = MetricsSettings(s3: "s3://bucket/m.json", exportEverySeconds: 0.01, pushgateway: "http://gw:9091", graceSeconds: 0)
        let p = pdmShape(work: [action("work/hang", "sleep", [KeyValue("duration", "1h")])], metrics: settings)
        let store = RecordingStore(), gateway = RecordingGateway(), sleeps = RecordingSleeps()
        let metrics = try session(p, store: store, gateway: gateway, sleeps: sleeps, settings: settings)
        var actions = ActionRegistry.builtins
        MetricsSession.register(metrics, into: &actions)
        let cancellation = RunCancellation()
        let runner = Runner(store: scratch.store, actions: actions, reporter: metrics.reporter(wrapping: EventLog()))
        let running = Task { await runner.run(p, options: scratch.options(), cancellation: cancellation) }
        while store.events.filter({ $0 == .putEnded }).count < 3 { try await Task.sleep(for: .milliseconds(5)) }
        cancellation.cancel(signal: SIGTERM)
        let summary = await running.value
        await metrics.close(summary)
        #expect(summary.status == .cancelled)
        let events = store.events
        #expect(events.last == .delete)
        #expect(events.filter { $0 == .delete }.count == 2)
        #expect(gateway.requests.last == "push 4.0")
        #expect(!metrics.isExporting)
        // The record is FAILED, as the original recorded a cancelled step; the metrics still say cancelled (4).
        #expect(try await scratch.store.read(summary.key)?.status == .failed)
        #expect(summary.recordedStatus == .failed)
    }

    /// A run taken over from us: the object and the status now belong to the new owner.
    @Test func aRunTakenOverLeavesObjectAndStatusAlone() async throws {
        let settings = MetricsSettings(s3: "s3://bucket/m.json", exportEverySeconds: 0.01, pushgateway: "http://gw:9091", graceSeconds: 0)
        let p = pdmShape(work: [], metrics: settings)
        let store = RecordingStore(), gateway = RecordingGateway(), sleeps = RecordingSleeps()
        let metrics = try session(p, store: store, gateway: gateway, sleeps: sleeps, settings: settings)
        metrics.record(.runStarted(plan: p, runID: 1, resume: nil, logFolder: URL(fileURLWithPath: "/tmp")))
        #expect(metrics.startExport())
        while store.events.filter({ $0 == .putEnded }).count < 2 { try await Task.sleep(for: .milliseconds(5)) }
        var summary = RunSummary(
            key: .init(correlationID: "corr-1", product: "PDM"), runID: 1, status: .failed, steps: [], failedStep: nil,
            failure: "superseded", exitCode: .stateConflict, seconds: 1, logFolder: nil)
        metrics.record(.runFinished(summary))
        await metrics.close(summary)
        let after = store.events
        #expect(!after.contains(.delete))
        #expect(gateway.requests == ["push 1.0"])
        summary.exitCode = .success
        await metrics.close(summary)  // idempotent
        #expect(store.events == after)
    }

    /// S3 and the pushgateway down: the run completes, each failure is counted, nothing is thrown.
    @Test func servicesDownNeverFailTheRun() async throws {
        let scratch = try Scratch()
        let settings = MetricsSettings(s3: "s3://bucket/m.json", exportEverySeconds: 0.01, pushgateway: "http://gw:9091", graceSeconds: 0)
        let p = pdmShape(work: [action("work/a", "sleep", [KeyValue("duration", "50ms")])], metrics: settings)
        let store = RecordingStore(), gateway = RecordingGateway(), sleeps = RecordingSleeps()
        store.failing.store(true, ordering: .relaxed)
        gateway.status.store(503, ordering: .relaxed)
        let metrics = try session(p, store: store, gateway: gateway, sleeps: sleeps, settings: settings)
        let summary = await run(p, metrics, scratch: scratch)
        #expect(summary.exitCode == .success)
        #expect(summary.steps.allSatisfy { $0.status == .completed })
        // 5 gateway deliveries and 2 deletes failed for good, plus every failed upload.
        #expect(metrics.runMetrics.deliveryFailures >= 7)
        #expect(gateway.requests.count == 10)  // 2 attempts each
    }
}
