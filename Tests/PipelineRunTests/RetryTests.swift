import Foundation
import PipelinePlan
import PipelineState
import Testing
@testable import PipelineRun

@Suite struct RetryTests {
    @Test func onlyTheFailingTaskIsRetried() async throws {
        let sandbox = try Sandbox()
        let sleeps = FakeSleeps()
        let reporter = Recorder()
        let p = plan([step(0, "s", waves: [[task("flaky", "-- stub: fail 2"), task("fine")]], attempts: 3, delay: 5)])
        let summary = await runner(sandbox, reporter: reporter, clock: sleeps.clock()).run(p, options: sandbox.options())
        #expect(summary.exitCode == .success)
        #expect(try sandbox.started().filter { $0 == "flaky" }.count == 3)
        #expect(try sandbox.started().filter { $0 == "fine" }.count == 1)
        #expect(summary.steps.first?.retries == 2)
        #expect(sleeps.durations == [.seconds(5), .seconds(5)])
        #expect(reporter.lines.contains("task flaky: attempt 1 failed (exit code 1); retrying in 5.0s"))
        #expect(reporter.lines.contains("task flaky: attempt 2 failed (exit code 1); retrying in 5.0s"))
    }

    @Test func exhaustedRetriesFailTheStep() async throws {
        let sandbox = try Sandbox()
        let sleeps = FakeSleeps()
        let p = plan([step(0, "s", waves: [[task("bad", "-- stub: fail always")]], attempts: 3, delay: 1, backoff: .exponential)])
        let summary = await runner(sandbox, reporter: Recorder(), clock: sleeps.clock(random: 0.5)).run(p, options: sandbox.options())
        #expect(summary.exitCode == .stepFailed)
        #expect(try sandbox.started() == ["bad", "bad", "bad"])
        // Full jitter: random (0.5) × 1 s, then × 2 s.
        #expect(sleeps.durations == [.milliseconds(500), .milliseconds(1000)])
    }

    @Test func backoffWithoutJitterDoublesUpToTheMaximum() {
        let policy = RetryPolicy(attempts: 6, delaySeconds: 2, backoff: .exponential, maxDelaySeconds: 10, jitter: false)
        #expect((1...5).map { policy.wait(after: $0, random: { 0.1 }) } == [2, 4, 8, 10, 10])
        let fixed = RetryPolicy(attempts: 3, delaySeconds: 5)
        #expect(fixed.wait(after: 2, random: { 0.1 }) == 5)
    }
}
