import Basics
import Foundation
import PipelinePlan
import PipelineState
import Synchronization
import Testing
@testable import PipelineRun

/// Virtual time for a run: `now` moves only when the test calls `advance`, and every wait of the run (`sleep`,
/// `timer`) returns once it has moved far enough, or throws when its task is cancelled. No real time passes.
final class TestClock: Sendable {
    private struct Sleeper {
        let until: Date
        /// True: the time came; false: cancelled.
        let woken: OneShot<Bool>
    }

    private struct State {
        var now: Date
        var sleepers: [Sleeper] = []
    }

    private let state: Mutex<State>
    private let changed = Changes()

    /// Whole seconds: the local store keeps its timestamps to the second.
    init(start: Date = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))) {
        state = Mutex(State(now: start))
    }

    var now: Date { state.withLock { $0.now } }

    var clock: RunClock {
        RunClock(now: { self.now }, sleep: { try await self.wait($0) }, timer: { try await self.wait($0) }, random: { 0.5 })
    }

    func advance(by seconds: TimeInterval) {
        let due = state.withLock { state -> [Sleeper] in
            state.now = state.now.addingTimeInterval(seconds)
            let now = state.now
            defer { state.sleepers.removeAll { $0.until <= now || $0.woken.isDelivered } }
            return state.sleepers.filter { $0.until <= now }
        }
        for sleeper in due { sleeper.woken.deliver(true) }
        changed.fire()
    }

    /// Returns once at least `count` waits (ending at `until`, if given) are pending: the run is blocked on time.
    func waiting(atLeast count: Int, until: Date? = nil) async throws {
        try await changed.until {
            self.state.withLock { $0.sleepers.filter { !$0.woken.isDelivered && (until == nil || $0.until == until) }.count } >= count
        }
    }

    private func wait(_ duration: Duration) async throws {
        let woken = OneShot<Bool>()
        let due = state.withLock { state -> Bool in
            let until = state.now.addingTimeInterval(duration.inSeconds)
            if until <= state.now { return true }
            state.sleepers.append(Sleeper(until: until, woken: woken))
            return false
        }
        if due { return }
        changed.fire()
        let timeCame = await withTaskCancellationHandler { await woken.value() } onCancel: { woken.deliver(false) }
        if !timeCame { throw CancellationError() }
    }
}

/// Lets a test wait, without sleeping, until a condition over some shared state holds: whoever changes the state
/// fires; the waiter looks again. A real-time bound turns a hang (a rule broken so the awaited thing never happens)
/// into a failure.
final class Changes: Sendable {
    private let waiters = Mutex<[OneShot<Void>]>([])

    func fire() {
        let all = waiters.withLock { waiters in
            defer { waiters = [] }
            return waiters
        }
        for waiter in all { waiter.deliver(()) }
    }

    struct TimedOut: Error, CustomStringConvertible {
        var description: String { "the condition did not hold within 60 s (real time): a rule under test is broken" }
    }

    func until(_ condition: @escaping @Sendable () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while !condition() {
            guard ContinuousClock.now < deadline else { throw TimedOut() }
            // The condition is looked at again under the lock, so a change between the two looks is not missed.
            let next = OneShot<Void>()
            let ready = waiters.withLock { waiters -> Bool in
                if condition() { return true }
                waiters.append(next)
                return false
            }
            if ready { return }
            // Wakes on the next change, or after a second to look at the deadline.
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await next.value() }
                group.addTask {
                    try? await Task.sleep(for: .seconds(1))
                    next.deliver(())
                }
                await group.next()
                group.cancelAll()
            }
        }
    }
}

/// A `TaskLauncher` whose launches end when the test says so (`finish`), or when their task is cancelled (as a
/// terminated process group: `.signaled(SIGTERM)`). It keeps the order of starts and ends and the most that ever
/// ran at once. Tasks are named by their `PDM_TASK`.
final class FakeLauncher: TaskLauncher {
    private struct State {
        var abandoned = false
        var running: [String: OneShot<LaunchOutcome>] = [:]
        var ending: [String: [LaunchOutcome]] = [:]
        var log: [String] = []
        var peak = 0
    }

    private let state = Mutex(State())
    private let changed = Changes()

    /// "start KEY" and "end KEY" in order (an end is logged when the test ends the launch, or it is cancelled).
    var log: [String] { state.withLock { $0.log } }
    var started: [String] { log.filter { $0.hasPrefix("start ") }.map { String($0.dropFirst(6)) } }
    var running: Set<String> { state.withLock { Set($0.running.keys) } }
    var peak: Int { state.withLock { $0.peak } }

    func launch(_ request: LaunchRequest) async -> LaunchOutcome {
        let key = request.environment["PDM_TASK"] ?? "?"
        let outcome = OneShot<LaunchOutcome>()
        state.withLock { state in
            state.log.append("start \(key)")
            if state.abandoned {
                outcome.deliver(.signaled(SIGKILL))
            } else if let scripted = state.ending[key]?.first {
                state.ending[key]?.removeFirst()
                outcome.deliver(scripted)
            } else {
                state.running[key] = outcome
                state.peak = max(state.peak, state.running.count)
            }
            if outcome.isDelivered { state.log.append("end \(key)") }
        }
        changed.fire()
        let ended = await withTaskCancellationHandler { await outcome.value() } onCancel: { end(key, .signaled(SIGTERM)) }
        changed.fire()
        return ended
    }

    /// Ends the running launch of `key` (or else the next one, when it starts: outcomes queue up per key).
    func finish(_ key: String, _ outcome: LaunchOutcome = .exited(0)) {
        if !end(key, outcome) { state.withLock { $0.ending[key, default: []].append(outcome) } }
    }

    /// Ends the running launch of `key`; false when none runs.
    @discardableResult
    private func end(_ key: String, _ outcome: LaunchOutcome) -> Bool {
        let running = state.withLock { state -> OneShot<LaunchOutcome>? in
            guard let running = state.running.removeValue(forKey: key) else { return nil }
            state.log.append("end \(key)")
            return running
        }
        running?.deliver(outcome)
        changed.fire()
        return running != nil
    }

    /// Awaits the run. Should it not end within 60 s of real time (a rule broken, so that a launch that should
    /// never have been made waits for an end that never comes), the test fails and every launch, running or to
    /// come, ends at once, so the run does too.
    func awaitRun<T: Sendable>(_ run: Task<T, Never>) async -> T {
        await withTaskGroup(of: T?.self) { group in
            group.addTask { await run.value }
            group.addTask {
                guard (try? await Task.sleep(for: .seconds(60))) != nil else { return nil }
                Issue.record("the run did not end within 60 s; launched: \(self.log)")
                self.abandon()
                return nil
            }
            while let next = await group.next() {
                if let next {
                    group.cancelAll()
                    return next
                }
            }
            return await run.value
        }
    }

    private func abandon() {
        let running = state.withLock { state in
            state.abandoned = true
            return Array(state.running.keys)
        }
        for key in running { end(key, .signaled(SIGKILL)) }
    }

    /// Returns once `condition` holds of the launches running now.
    func waitUntil(_ condition: @escaping @Sendable (_ running: Set<String>) -> Bool) async throws {
        try await changed.until { condition(self.running) }
    }

    /// Returns once `key` has been started `times` times.
    func waitForStart(_ key: String, times: Int = 1) async throws {
        try await changed.until { self.started.filter { $0 == key }.count >= times }
    }
}

/// Collects the plain lines of a run's events (as `Recorder`) and the tasks reported finished, and lets a test
/// wait until the runner has reported a task finished (so it has decided what follows from it).
final class EventLog: RunReporter {
    let inner = Recorder()
    private let changed = Changes()
    private let ended = Mutex<[String]>([])
    let onEvent: @Sendable (RunEvent) -> Void

    init(onEvent: @escaping @Sendable (RunEvent) -> Void = { _ in }) {
        self.onEvent = onEvent
    }

    func report(_ event: RunEvent) {
        onEvent(event)
        inner.report(event)
        if case .taskFinished(_, let task, _) = event { ended.withLock { $0.append(task.key) } }
        changed.fire()
    }

    var lines: [String] { inner.lines }
    var finished: [String] { ended.withLock { $0 } }

    func waitForFinished(_ key: String) async throws {
        try await changed.until { self.finished.contains(key) }
    }
}

/// The decisions a driver made, in order (`RunDriver.trace`).
final class Trace: Sendable {
    private let decisions = Mutex<[RunMachine.Decision]>([])
    var all: [RunMachine.Decision] { decisions.withLock { $0 } }
    var hook: @Sendable ([RunMachine.Decision]) -> Void { { batch in self.decisions.withLock { $0 += batch } } }

    /// Where the first decision matching `predicate` is.
    func index(_ predicate: (RunMachine.Decision) -> Bool) -> Int? { all.firstIndex(where: predicate) }
}
