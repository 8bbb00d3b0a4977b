import Foundation
import PipelinePlan
import PipelineState

/// Runs a plan's steps in order; inside a step, waves in order (each a barrier); inside a wave, up to the step's
/// parallelism tasks at once.
///
/// A failing task (after its retries) stops the step from launching new tasks; tasks already running finish, so
/// their logs and effects are complete. The step is failed. Later steps are skipped except `always` steps. With
/// `on_failure continue` the later steps run, but the run is still FAILED at the first failed step (the original's
/// record of ActionOnFailure CONTINUE); with `on_failure ignore` (a non-critical step) every task of the step runs
/// and its failures are recorded without failing the run. The run stays FAILED at the first failed step even when
/// later steps run afterwards.
struct Scheduler: Sendable {
    var plan: Plan
    var executor: TaskExecutor
    var state: StateRecorder
    var fence: RunFence
    var reporter: any RunReporter
    var clock: RunClock
    /// What each step runs, as the begin recorded it (`Plan.fingerprints()`): written with a step when it is done.
    var fingerprints: StepFingerprints = [:]

    struct Outcome: Sendable {
        var steps: [StepSummary]
        /// The first step whose failure fails the run (`stop` or `continue`).
        var failedStep: String?
        /// The first step whose failure stops the pipeline (`stop`): later steps are skipped, `always` ones aside.
        var haltedBy: String?
        var failure: String?
        var cancelled: Bool
        var stateError: StateError?

        /// Stopped before the first step.
        static let stopped = Outcome(steps: [], failedStep: nil, haltedBy: nil, failure: nil, cancelled: true, stateError: nil)
    }

    func run() async -> Outcome {
        var outcome = Outcome(steps: [], failedStep: nil, haltedBy: nil, failure: nil, cancelled: false, stateError: nil)
        for step in plan.steps {
            if let reason = skipReason(step, outcome) {
                reporter.report(.stepSkipped(step, reason: reason))
                let summary = StepSummary(
                    index: step.index, name: step.name, status: .skipped(reason), tasks: step.tasks.count,
                    tasksRun: 0, tasksSkipped: 0, retries: 0, seconds: 0)
                outcome.steps.append(summary)
                continue
            }
            let summary = await run(step, &outcome)
            outcome.steps.append(summary)
            reporter.report(.stepFinished(summary))
            switch summary.status {
            case .failed(let reason, let ignored):
                // The first failure that fails the run makes the record FAILED at its step; any other failure
                // (ignored, or after that one) is listed in Continued_Failures.
                let failsTheRun = !ignored && outcome.failedStep == nil
                do throws(StateError) {
                    try await state.stepFailed(step.name, reason: reason, continuing: !failsTheRun)
                } catch {
                    fence.noticed(error)
                    outcome.stateError = outcome.stateError ?? error
                }
                if failsTheRun {
                    outcome.failedStep = step.name
                    outcome.failure = reason
                }
                if !ignored, step.onFailure == .stop, outcome.haltedBy == nil { outcome.haltedBy = step.name }
            case .cancelled:
                outcome.cancelled = true
            case .completed, .skipped:
                break
            }
            // Only a step that ran and succeeded (or failed, ignored) is done: recorded with what it ran, so a
            // resume skips it and nothing else (never a step skipped by its condition or selection).
            if summary.isDone {
                do throws(StateError) {
                    try await state.stepCompleted(step.name, fingerprints: fingerprints[step.name] ?? [:])
                } catch {
                    fence.noticed(error)
                    outcome.stateError = outcome.stateError ?? error
                }
            }
        }
        return outcome
    }

    /// The run is being stopped. A stop request (a signal, the fence) is visible in the fence an instant before
    /// the work task is cancelled: both are read, so a decision made in between is never taken for a failure.
    private var stopping: Bool { Task.isCancelled || fence.stopRequested }

    private func skipReason(_ step: PlanStep, _ outcome: Outcome) -> String? {
        switch step.disposition {
        case .skippedCondition(let condition): return "condition false: \(condition)"
        case .skippedSelection(let why): return why
        case .skippedCompleted(let runID): return "completed in run \(runID)"
        case .run: break
        }
        if outcome.stateError != nil { return "state store write failed" }
        if outcome.cancelled || stopping { return "run cancelled" }
        if let failed = outcome.haltedBy, !step.always { return "after failure of step '\(failed)'" }
        return nil
    }

    private func run(_ step: PlanStep, _ outcome: inout Outcome) async -> StepSummary {
        let started = clock.now()
        let allTasks = step.tasks
        let carried = Set(allTasks.filter(\.completedInPreviousRun).map(\.key))
        let skipped = carried.count
        var summary = StepSummary(
            index: step.index, name: step.name, status: .completed, tasks: allTasks.count, tasksRun: 0,
            tasksSkipped: skipped, retries: 0, seconds: 0)
        do throws(StateError) {
            try await state.stepStarted(step.name, carried: step.resume == .task ? Array(carried).sorted() : [])
        } catch {
            fence.noticed(error)
            outcome.stateError = error
            summary.status = .failed("state store: \(error)", ignored: false)
            return summary
        }
        reporter.report(.stepStarted(step, tasks: allTasks.count, skippedTasks: skipped))

        var failure: String?
        var failedTasks = 0
        var unfinished = false  // the step could not run all its tasks (state store, fence): never ignored
        // A non-critical step runs every task, as the original's scripts that ignored errors did.
        let keepGoing = step.onFailure == .ignore
        // Each wave in turn, or the whole step on its task graph (`order tables`): `LaunchGroup`.
        waves: for group in LaunchGroup.groups(step, carried: carried) {
            let pending = group.tasks
            if let wave = group.wave { reporter.report(.waveStarted(step, wave, tasks: pending.count)) }
            let results = await runWave(step, group.queue, &outcome)
            summary.tasksRun += results.count
            summary.retries += results.reduce(0) { $0 + $1.retries }
            // A stop (signal, fence) leaves tasks unlaunched: that is the stop, never a failure of the step.
            if results.contains(where: { $0.status == .cancelled }) || stopping {
                summary.status = .cancelled
                break waves
            }
            let failed = results.filter { !$0.succeeded }
            if let first = failed.first, case .failed(let why) = first.status {
                failure = failure ?? "task \(first.key) failed: \(why)"
                failedTasks += failed.count
                if !keepGoing { break waves }
            }
            if outcome.stateError != nil {
                failure = "state store write failed"
                unfinished = true
                break waves
            }
            // Never let a task that did not run pass for done: the step must not be recorded as completed.
            if results.count < pending.count {
                failure = "\(pending.count - results.count) task(s) of \(group.name(in: step)) not started"
                unfinished = true
                break waves
            }
        }
        if var failure, summary.status != .cancelled {
            if failedTasks > 1, keepGoing { failure += " (and \(failedTasks - 1) more task(s) failed)" }
            summary.status = .failed(failure, ignored: keepGoing && !unfinished)
        }
        summary.seconds = clock.now().timeIntervalSince(started)
        return summary
    }

    /// Up to `parallelism` tasks at once, in the order `queue` gives (`LaunchQueue`: table order or waves); after
    /// the first failure (or a state write error) nothing new starts. Every attempt of a task, first or retry,
    /// passes the fence's lease check (`RunFence.mayLaunch`): a runner that was taken over, or whose lease is
    /// running out, launches nothing more. Completions of a task-level resume step are handed to the run's writer
    /// without holding up the next launch (it batches those that end together into one write); the wave ends only
    /// once they are stored.
    private func runWave(_ step: PlanStep, _ queue: LaunchQueue, _ outcome: inout Outcome) async -> [TaskResult] {
        let executor = self.executor
        let fence = self.fence
        let state = self.state
        let limit = max(step.parallelism, 1)
        var results: [TaskResult] = []
        var stateError: StateError?
        await withTaskGroup(of: WaveEvent.self) { group in
            var queue = queue
            let all = step.tasks
            let ordinals = Dictionary(all.enumerated().map { ($1.key, $0) }) { first, _ in first }
            // As many as are ready, while a slot is free: one task's end may make several ready.
            func launchNext() {
                while queue.running.count < limit, fence.mayLaunch(), let ordinal = queue.next() {
                    let task = all[ordinal]
                    group.addTask {
                        .finished(task, await executor.run(task, in: step, ordinal: ordinal, mayLaunch: { fence.mayLaunch() }))
                    }
                }
            }
            launchNext()
            var stop = false
            while let event = await group.next() {
                switch event {
                case .recorded(let error?):
                    fence.noticed(error)
                    stateError = stateError ?? error
                    stop = true
                case .recorded(nil):
                    break
                case .finished(let task, let result) where result.attempts == 0 && result.status == .cancelled:
                    if let ordinal = ordinals[task.key] { queue.finished(ordinal, succeeded: false) }
                    stop = true  // refused by the fence before its first attempt: not started
                case .finished(let task, let result):
                    if let ordinal = ordinals[task.key] { queue.finished(ordinal, succeeded: result.succeeded) }
                    results.append(result)
                    reporter.report(.taskFinished(step, task, result))
                    if !result.succeeded, step.onFailure != .ignore { stop = true }
                    if result.status == .succeeded, step.resume == .task {
                        group.addTask {
                            do throws(StateError) {
                                try await state.taskCompleted(step.name, task.key)
                                return .recorded(nil)
                            } catch {
                                return .recorded(error)
                            }
                        }
                    }
                    if !stop, !stopping { launchNext() }
                }
            }
        }
        if let stateError { outcome.stateError = outcome.stateError ?? stateError }
        return results
    }

    private enum WaveEvent: Sendable {
        case finished(PlanTask, TaskResult)
        /// A task completion was stored (nil) or could not be (the error).
        case recorded(StateError?)
    }
}

extension StepSummary {
    /// Ran and succeeded, or failed under `on_failure ignore`: done, as far as a resume is concerned.
    var isDone: Bool {
        switch status {
        case .completed, .failed(_, ignored: true): return true
        case .failed, .cancelled, .skipped: return false
        }
    }
}

extension StateError {
    var isSuperseded: Bool {
        if case .superseded = self { return true }
        return false
    }
}
