import Foundation
import PipelinePlan
import PipelineState
import Testing
import TestSupport
@testable import PipelineRun

/// A native-engine task (`engine hiveserver2`) waiting on a server that accepted its call and went silent is
/// stopped by everything that stops a run, within the grace period (issue 18, item 9): a takeover (the fence),
/// a signal, a step timeout. It used to wait for the 60 s call timeout. The fake is `FakeTCLIServer`. Bounds
/// leave room for a loaded machine (tests run in parallel): the point is the grace period, not the call timeout.
@Suite struct NativeEngineStopTests {
    static func nativePlan(port: Int, timeout: Double? = nil) -> Plan {
        var query = Plans.statement("q", "SELECT 1")
        query.engine = .hiveserver2
        var engines = EngineSettings(hiveCommand: [stubEngine])
        engines.hiveServer2URL = "jdbc:hive2://127.0.0.1:\(port)/default"
        return Plans.plan([step(0, "s", waves: [[query]], timeout: timeout)], engines: engines)
    }

    static func silentServer() async throws -> FakeTCLIServer {
        var script = FakeTCLIScript()
        script.silentOn = ["GetOperationStatus"]
        return try await FakeTCLIServer.start(script)
    }

    static func waitForSilence(_ fake: FakeTCLIServer) async throws {
        for _ in 0..<3000 where !fake.methods.contains("GetOperationStatus") { try await Task.sleep(for: .milliseconds(10)) }
        try #require(fake.methods.contains("GetOperationStatus"), "the task never reached the silent call: \(fake.methods)")
    }

    @Test func aTakeoverStopsANativeTaskOnASilentServer() async throws {
        let sandbox = try Sandbox()
        let fake = try await Self.silentServer()
        var options = sandbox.options(grace: .milliseconds(500))
        options.leaseSeconds = 3  // renewed every second
        // The run's clock stands still, so only the refused renewal can stop it.
        let frozen = MovableClock(Date()).fixed
        let p = Self.nativePlan(port: fake.port)
        let run = Task { await Runner(store: sandbox.store, clock: frozen, reporter: Recorder()).run(p, options: options) }
        try await Self.waitForSilence(fake)
        let takenOver = ContinuousClock.now
        _ = try await takeOver(sandbox.store)
        let summary = await run.value
        let took = ContinuousClock.now - takenOver
        #expect(summary.exitCode == .stateConflict)
        // The next renewal (within a second) finds the takeover; the silent call then gets the 0.5 s grace.
        #expect(took < .seconds(10), "fenced off after \(took)")
        await fake.stop()
    }

    @Test func aSignalStopsANativeTaskOnASilentServerWithinTheGracePeriod() async throws {
        let sandbox = try Sandbox()
        let fake = try await Self.silentServer()
        let cancellation = RunCancellation()
        let p = Self.nativePlan(port: fake.port)
        let run = Task { await runner(sandbox, reporter: Recorder()).run(p, options: sandbox.options(grace: .seconds(1)), cancellation: cancellation) }
        try await Self.waitForSilence(fake)
        let signalled = ContinuousClock.now
        cancellation.cancel(signal: SIGTERM)
        let summary = await run.value
        let took = ContinuousClock.now - signalled
        #expect(summary.exitCode == .terminated)
        #expect(took < .seconds(3), "stopped \(took) after SIGTERM with a 1 s grace period")
        await fake.stop()
    }

    @Test func aStepTimeoutStopsANativeTaskOnASilentServer() async throws {
        let sandbox = try Sandbox()
        let fake = try await Self.silentServer()
        let reporter = Recorder()
        let p = Self.nativePlan(port: fake.port, timeout: 1)
        let started = ContinuousClock.now
        let summary = await runner(sandbox, reporter: reporter).run(p, options: sandbox.options(grace: .milliseconds(500)))
        let took = ContinuousClock.now - started
        #expect(summary.exitCode == .failed)
        #expect(reporter.lines.contains { $0.contains("timed out after 1.0s") }, "\(reporter.lines)")
        // Timeout 1 s, then at most the 0.5 s grace for the silent call. The bound covers the whole run (begin,
        // logs, connect) on a loaded machine; the defect it guards against ended the task after 60 s.
        #expect(took < .seconds(30), "ended \(took) after the start, timeout 1 s")
        await fake.stop()
    }
}
