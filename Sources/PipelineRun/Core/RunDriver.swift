import Foundation
import PipelinePlan
import PipelineState

/// The run core's effects: it owns the task executor (and through it the launcher), the state recorder, the
/// fence (the lease) and the run's one clock; feeds `RunMachine` what happens and carries out what it decides.
/// Everything it does is one of the machine's decisions; every rule is the machine's.
///
/// One loop, one task group: attempts, retries and state writes run as children and come back as events. A
/// launch first asks the fence (`RunFence.check`); a retry waits its delay (`RetryPolicy.wait`, the clock's
/// randomness) on the run's clock, then asks the fence the same way: a refused launch comes back as
/// `launchRefused`, a lease too close to running out as `leaseRunningOut`, which the machine turns into a stop.
/// A stop requested from outside (a signal, a renewal that found the run superseded) is read before each event
/// is handled, so a decision made in the instant between the request and the cancellation of the work is
/// never taken for a failure. Completions of a task-level resume step go to the run's writer without holding up
/// the next launch (`StateWriter` batches those that end together into one write).
struct RunDriver: Sendable {
    var plan: Plan
    var executor: TaskExecutor
    var state: StateRecorder
    var fence: RunFence
    var reporter: any RunReporter
    var clock: RunClock
    /// What each step runs, as the begin recorded it (`Plan.fingerprints()`): written with a step when it is done.
    var fingerprints: StepFingerprints = [:]
    /// Sees each batch of decisions before it is carried out (tests: the order in which the driver decided).
    var trace: (@Sendable ([RunMachine.Decision]) -> Void)?

    func run() async -> RunResult {
        var machine = RunMachine(steps: plan.steps)
        var inbox: [RunMachine.Event] = [.start]
        var stopSeen = false
        var result: RunResult?
        await withTaskGroup(of: [RunMachine.Event].self) { group in
            func perform(_ decisions: [RunMachine.Decision]) {
                trace?(decisions)
                for decision in decisions {
                    switch decision {
                    case .launch(let index, let ordinal):
                        let events = passFence(step: index, ordinal: ordinal)
                        guard events.isEmpty else {
                            inbox += events
                            break
                        }
                        let (task, driver) = (machine.task(step: index, ordinal: ordinal), self)
                        group.addTask { await driver.attempt(task, step: index, ordinal: ordinal, attempt: 1) }
                    case .retry(let index, let ordinal, let attempt, let reason):
                        let step = plan.steps[index]
                        let task = machine.task(step: index, ordinal: ordinal)
                        let delay = step.retry.wait(after: attempt - 1, random: clock.random)
                        reporter.report(.taskRetrying(step, task, attempt: attempt - 1, reason: reason, delaySeconds: delay))
                        let driver = self
                        group.addTask { await driver.retry(task, step: index, ordinal: ordinal, attempt: attempt, after: delay) }
                    case .checkpoint(let checkpoint):
                        let driver = self
                        group.addTask { [.checkpointed(checkpoint, await driver.write(checkpoint))] }
                    case .skipStep(let index, let reason):
                        reporter.report(.stepSkipped(plan.steps[index], reason: reason))
                    case .progress(let progress):
                        report(progress, machine)
                    case .stop(let reason):
                        fence.stop(reason)
                    case .finish(let ended):
                        result = ended
                    }
                }
            }
            while result == nil {
                let event: RunMachine.Event
                if !inbox.isEmpty {
                    event = inbox.removeFirst()
                } else if let next = await group.next() {
                    inbox = next
                    continue
                } else {
                    break
                }
                if !stopSeen, fence.stopRequested || Task.isCancelled {
                    stopSeen = true
                    perform(machine.handle(.stopRequested(fence.stopReason), now: clock.now()))
                }
                perform(machine.handle(event, now: clock.now()))
            }
        }
        // The machine finishes once nothing it started is in flight; should it ever not, its result so far.
        return result ?? machine.result
    }

    /// The fence's answer to a launch, first or retry: nothing when it may go ahead, else the events that say
    /// why not (the lease running out is the machine's to turn into a stop).
    private func passFence(step: Int, ordinal: Int) -> [RunMachine.Event] {
        switch fence.check() {
        case .allowed: return []
        case .stopping: return [.launchRefused(step: step, ordinal: ordinal)]
        case .leaseRunningOut(let why): return [.leaseRunningOut(why), .launchRefused(step: step, ordinal: ordinal)]
        }
    }

    private func attempt(_ task: PlanTask, step: Int, ordinal: Int, attempt: Int) async -> [RunMachine.Event] {
        // A run stopped since the launch was decided starts nothing.
        if Task.isCancelled { return [.launchRefused(step: step, ordinal: ordinal)] }
        let (outcome, log) = await executor.attempt(task, in: plan.steps[step], ordinal: ordinal, attempt: attempt)
        return [.attemptEnded(step: step, ordinal: ordinal, attempt: attempt, outcome, log: log)]
    }

    /// The retry's delay on the run's clock (a stop cuts it short), then the fence, then the attempt.
    private func retry(_ task: PlanTask, step: Int, ordinal: Int, attempt: Int, after delay: Double) async -> [RunMachine.Event] {
        do {
            try await clock.sleep(.milliseconds(Int64((delay * 1000).rounded())))
        } catch {
            return [.launchRefused(step: step, ordinal: ordinal)]
        }
        let refused = passFence(step: step, ordinal: ordinal)
        guard refused.isEmpty else { return refused }
        return await self.attempt(task, step: step, ordinal: ordinal, attempt: attempt)
    }

    private func report(_ progress: RunMachine.Progress, _ machine: RunMachine) {
        switch progress {
        case .stepStarted(let index, let tasks, let skipped):
            reporter.report(.stepStarted(plan.steps[index], tasks: tasks, skippedTasks: skipped))
        case .waveStarted(let index, let wave, let tasks):
            reporter.report(.waveStarted(plan.steps[index], wave, tasks: tasks))
        case .taskFinished(let index, let ordinal, let result):
            reporter.report(.taskFinished(plan.steps[index], machine.task(step: index, ordinal: ordinal), result))
        case .stepFinished(let summary):
            reporter.report(.stepFinished(summary))
        }
    }

    /// The write, in the writer's own task (`StateWriter`): a cancelled run still finishes a write in flight.
    private func write(_ checkpoint: RunMachine.Checkpoint) async -> StateError? {
        do throws(StateError) {
            switch checkpoint {
            case .stepStarted(let step, let carried): try await state.stepStarted(step, carried: carried)
            case .taskCompleted(let step, let task): try await state.taskCompleted(step, task)
            case .stepFailed(let step, let reason, let continuing): try await state.stepFailed(step, reason: reason, continuing: continuing)
            case .stepCompleted(let step): try await state.stepCompleted(step, fingerprints: fingerprints[step] ?? [:])
            }
            return nil
        } catch {
            return error
        }
    }
}
