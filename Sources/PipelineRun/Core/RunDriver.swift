import Foundation
import PipelinePlan
import PipelineState

/// The run core's effects: it owns the task executor (and through it the launcher), the state recorder, the
/// fence (the lease) and the run's one clock; feeds `RunMachine` what happens and carries out what it decides.
/// Everything it does is one of the machine's decisions; every rule is the machine's.
///
/// One loop, one task group: launches and state writes run as children and come back as events. A launch first
/// asks the fence (`RunFence.check`), as every retry of a task does (`TaskExecutor`): a refused launch comes back
/// as `launchRefused`, a lease too close to running out as `leaseRunningOut`, which the machine turns into a
/// stop. A stop requested from outside (a signal, a renewal that found the run superseded) is read before each
/// event is handled, so a decision made in the instant between the request and the cancellation of the work is
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
        await withTaskGroup(of: RunMachine.Event.self) { group in
            func perform(_ decisions: [RunMachine.Decision]) {
                trace?(decisions)
                for decision in decisions {
                    switch decision {
                    case .launch(let index, let ordinal):
                        switch fence.check() {
                        case .allowed:
                            let step = plan.steps[index]
                            let task = machine.task(step: index, ordinal: ordinal)
                            let (executor, fence) = (self.executor, self.fence)
                            group.addTask {
                                let ended = await executor.run(task, in: step, ordinal: ordinal, mayLaunch: { fence.mayLaunch() })
                                return .taskFinished(step: index, ordinal: ordinal, ended)
                            }
                        case .stopping:
                            inbox.append(.launchRefused(step: index, ordinal: ordinal))
                        case .leaseRunningOut(let why):
                            inbox.append(.leaseRunningOut(why))
                            inbox.append(.launchRefused(step: index, ordinal: ordinal))
                        }
                    case .checkpoint(let checkpoint):
                        let driver = self
                        group.addTask { .checkpointed(checkpoint, await driver.write(checkpoint)) }
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
                    event = next
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
