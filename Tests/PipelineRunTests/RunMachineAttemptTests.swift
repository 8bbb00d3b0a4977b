import Foundation
import PipelinePlan
import PipelineState
import Testing
@testable import PipelineRun

/// A task's attempts as events of the machine: each attempt's end comes in, the machine retries the task or ends
/// it, and builds its result (attempts, status, time from its first launch; the log file is the executor's).
@Suite struct RunMachineAttemptTests {
    let log = URL(fileURLWithPath: "/tmp/logs/01-t.log")

    /// A machine whose one step (one task `t`) is open and has launched `t`.
    func launched(attempts: Int) -> RunMachine {
        var m = RunMachine(steps: [step(0, "s", waves: [[task("t")]], attempts: attempts)])
        _ = m(.start)
        let first = m(.checkpointed(.stepStarted(step: "s", carried: []), nil))
        #expect(first.launched == [0])
        return m
    }

    func ended(_ attempt: Int, _ outcome: AttemptOutcome) -> RunMachine.Event {
        .attemptEnded(step: 0, ordinal: 0, attempt: attempt, outcome, log: log)
    }

    var failedRetryable: AttemptOutcome { .failure("exit code 1", retryable: true) }

    func taskResults(_ decisions: [RunMachine.Decision]) -> [TaskResult] {
        decisions.compactMap { if case .progress(.taskFinished(_, _, let result)) = $0 { result } else { nil } }
    }

    @Test func aRetryableFailureWithAttemptsLeftIsRetried() {
        var m = launched(attempts: 3)
        #expect(m(ended(1, failedRetryable)) == [.retry(step: 0, ordinal: 0, attempt: 2, reason: "exit code 1")])
        #expect(m(ended(2, failedRetryable)) == [.retry(step: 0, ordinal: 0, attempt: 3, reason: "exit code 1")])
        let done = m(ended(3, .success))
        #expect(taskResults(done) == [TaskResult(key: "t", status: .succeeded, attempts: 3, logFile: log, seconds: 0)])
        #expect(done.finished.map(\.retries) == [2])
    }

    @Test func theLastAttemptFailingFailsTheTaskWithItsAttemptCount() {
        var m = launched(attempts: 2)
        #expect(m(ended(1, failedRetryable)).count == 1)
        let done = m(ended(2, failedRetryable))
        #expect(!done.contains { if case .retry = $0 { true } else { false } })
        #expect(taskResults(done) == [TaskResult(key: "t", status: exit1, attempts: 2, logFile: log, seconds: 0)])
        #expect(done.finished.map(\.status) == [.failed("task t failed: exit code 1", ignored: false)])
    }

    @Test func aFailureThatMayNotBeRetriedFailsAtOnce() {
        var m = launched(attempts: 3)
        let done = m(ended(1, .failure("action 'x' is not available", retryable: false)))
        #expect(taskResults(done).map(\.attempts) == [1])
        #expect(taskResults(done).map(\.status) == [.failed("action 'x' is not available")])
    }

    @Test func aStopBeforeTheRetryCancelsTheTaskInsteadOfRetryingIt() {
        var m = launched(attempts: 3)
        #expect(m(.stopRequested(.signal(15))) == [])
        let done = m(ended(1, failedRetryable))
        #expect(!done.contains { if case .retry = $0 { true } else { false } })
        #expect(taskResults(done).map(\.status) == [.cancelled])
        #expect(taskResults(done).map(\.attempts) == [1])
        #expect(done.finished.map(\.status) == [.cancelled])
    }

    /// The fence refuses the retry (the lease, a takeover): the task ends cancelled with the attempts it made,
    /// reported as a finished task, and the step is cancelled, never failed.
    @Test func aRetryTheFenceRefusesEndsTheTaskCancelled() {
        var m = launched(attempts: 3)
        _ = m(ended(1, failedRetryable))
        let stop = m(.leaseRunningOut("not renewed in time"))
        #expect(stop.stops == [.leaseExpiring("not renewed in time")])
        let done = m(.launchRefused(step: 0, ordinal: 0))
        #expect(taskResults(done) == [TaskResult(key: "t", status: .cancelled, attempts: 1, logFile: log, seconds: 0)])
        #expect(done.finished.map(\.status) == [.cancelled])
        #expect(done.finished.map(\.tasksRun) == [1])
    }

    /// A task is timed from its first launch, across its attempts and the delays between them.
    @Test func aTasksSecondsRunFromItsFirstLaunch() {
        var m = launched(attempts: 2)
        _ = m.handle(ended(1, failedRetryable), now: machineNow.addingTimeInterval(5))
        let done = m.handle(ended(2, .success), now: machineNow.addingTimeInterval(42))
        #expect(taskResults(done).map(\.seconds) == [42])
    }
}
