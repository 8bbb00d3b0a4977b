import Foundation
import PipelinePlan
import PipelineState

/// How one attempt of a task ended (`TaskExecutor.attempt`): `retryable` failures may be tried again;
/// `cancelled`, the run's stop ended it.
enum AttemptOutcome: Sendable, Hashable {
    case success
    case failure(String, retryable: Bool)
    case cancelled
}

/// The scheduling rules of a run, as a pure state machine: events in, decisions out (`handle`). It performs
/// nothing (no clock, no store, no process): `RunDriver` feeds it what happened and carries out what it decides,
/// and its tests feed it event sequences and read the decisions.
///
/// Steps run in order. A failing task (after its retries) stops its step from launching new tasks (`StepMachine`);
/// the step is failed. Later steps are skipped except `always` steps. With `on_failure continue` the later steps
/// run, but the run is still FAILED at the first failed step (the original's record of ActionOnFailure CONTINUE);
/// with `on_failure ignore` (a non-critical step) every task of the step runs and its failures are recorded
/// without failing the run. A stop (a signal, superseded, the lease running out) is never a step failure: the
/// step is cancelled and later steps are skipped ("run cancelled"). A failed state write stops launching and
/// fails the run; one that finds the run superseded stops it. Only a step that ran and succeeded (or failed,
/// ignored) is recorded done.
struct RunMachine: Sendable {
    enum Event: Sendable, Hashable {
        /// The work may begin: the first step that runs starts.
        case start
        /// Attempt `attempt` of a task ended (`log`: the task's log file, the executor's): the machine retries
        /// it or finishes the task.
        case attemptEnded(step: Int, ordinal: Int, attempt: Int, AttemptOutcome, log: URL?)
        /// The launch was not made (the fence refused it, or the run stopped first): a first attempt never
        /// started; a retry's task ends cancelled with the attempts it made.
        case launchRefused(step: Int, ordinal: Int)
        /// A state write ended: stored (nil) or not (the error).
        case checkpointed(Checkpoint, StateError?)
        /// A stop was requested from outside (a signal, the fence; nil: the work was cancelled with no reason).
        case stopRequested(StopReason?)
        /// The lease is too close to running out to launch anything (by the runner's own clock).
        case leaseRunningOut(String)
    }

    /// The state writes of a run's steps, as the store gets them (`StateRecorder`).
    enum Checkpoint: Sendable, Hashable {
        case stepStarted(step: String, carried: [String])
        case taskCompleted(step: String, task: String)
        case stepFailed(step: String, reason: String, continuing: Bool)
        /// Written with what the step ran (its fingerprints, which the driver holds).
        case stepCompleted(step: String)
    }

    /// What the reporter is told, in order with the rest.
    enum Progress: Sendable, Hashable {
        case stepStarted(step: Int, tasks: Int, skippedTasks: Int)
        case waveStarted(step: Int, wave: PlanWave, tasks: Int)
        case taskFinished(step: Int, ordinal: Int, TaskResult)
        indirect case stepFinished(StepSummary)
    }

    enum Decision: Sendable, Hashable {
        /// Run task `ordinal` (in `PlanStep.tasks`) of plan step `step`; the launch itself passes the fence.
        case launch(step: Int, ordinal: Int)
        /// Run attempt `attempt` of the task after its retry delay (`reason`: why the one before failed); it passes
        /// the fence as a launch does.
        case retry(step: Int, ordinal: Int, attempt: Int, reason: String)
        /// Write this; its end comes back as `.checkpointed`.
        case checkpoint(Checkpoint)
        case skipStep(step: Int, reason: String)
        case progress(Progress)
        /// Stop the run: no new task, running ones terminated.
        case stop(StopReason)
        /// The work is over; the last decision. (Boxed: a decision stays small, and most are launches.)
        indirect case finish(RunResult)
    }

    let steps: [PlanStep]
    private(set) var result = RunResult()
    private var current = -1
    private var running: StepMachine?
    /// The step's close: its failure write is in flight; `thenDone`: its completion write follows.
    private var closing: (summary: StepSummary, thenDone: Bool)?
    private(set) var stopping = false
    private(set) var finished = false
    /// The running step's launched tasks: when the first attempt was launched, the attempts made, the log file.
    private var attempts: [Int: (started: Date, made: Int, log: URL?)] = [:]

    init(steps: [PlanStep]) {
        self.steps = steps
    }

    /// Task `ordinal` of plan step `step` (the running step's flattened list when it is that one).
    func task(step: Int, ordinal: Int) -> PlanTask {
        if let running, running.index == step { return running.tasks[ordinal] }
        return steps[step].tasks[ordinal]
    }

    /// `now`: the run's clock when the event is handled (a step's duration is measured from it).
    mutating func handle(_ event: Event, now: Date) -> [Decision] {
        guard !finished else { return [] }
        var out: [Decision] = []
        var ended: StepSummary?
        switch event {
        case .start:
            if current < 0 { advance(now: now, &out) }
        case .stopRequested:
            stopping = true
        case .leaseRunningOut(let why):
            if !stopping { out.append(.stop(.leaseExpiring(why))) }
            stopping = true
        case .launchRefused(let step, let ordinal):
            guard running?.index == step else { break }
            if let made = attempts[ordinal]?.made, made > 0 {  // a retry not launched: the task is stopped
                ended = running!.finished(ordinal, taskResult(ordinal, .cancelled, now: now), stopping: stopping, now: now, &out)
            } else {
                ended = running!.refused(ordinal, stopping: stopping, now: now, &out)
            }
            attempts[ordinal] = nil
        case .attemptEnded(let step, let ordinal, let attempt, let outcome, let log):
            guard running?.index == step else { break }
            ended = attemptEnded(ordinal, attempt, outcome, log: log, now: now, &out)
        case .checkpointed(let checkpoint, let error):
            if let error { noticed(error, &out) }
            switch checkpoint {
            case .stepStarted:
                guard running != nil else { break }
                if let error {
                    result.stateError = result.stateError ?? error
                    ended = running!.openingFailed(error)
                } else {
                    ended = running!.opened(stopping: stopping, now: now, &out)
                }
            case .taskCompleted:
                guard running != nil else { break }
                ended = running!.recorded(error, stopping: stopping, now: now, &out)
            case .stepFailed, .stepCompleted:
                if let error { result.stateError = result.stateError ?? error }
                closed(checkpoint, now: now, &out)
            }
        }
        if let ended { close(ended, now: now, &out) }
        for case .launch(_, let ordinal) in out { attempts[ordinal] = (now, 0, nil) }
        return out
    }

    /// Retried while it fails and may be retried, attempts are left and the run is not stopping (a stop makes a
    /// failure `cancelled`); else the task is over, timed from its first launch.
    private mutating func attemptEnded(
        _ ordinal: Int, _ attempt: Int, _ outcome: AttemptOutcome, log: URL?, now: Date, _ out: inout [Decision]
    ) -> StepSummary? {
        let step = running!.index
        attempts[ordinal, default: (now, 0, nil)].made = attempt
        attempts[ordinal]!.log = log
        let status: TaskResult.Status
        switch outcome {
        case .success:
            status = .succeeded
        case .cancelled:
            status = .cancelled
        case .failure(let why, let retryable):
            if stopping {
                status = .cancelled
            } else if retryable, attempt < max(steps[step].retry.attempts, 1) {
                out.append(.retry(step: step, ordinal: ordinal, attempt: attempt + 1, reason: why))
                return nil
            } else {
                status = .failed(why)
            }
        }
        let result = taskResult(ordinal, status, now: now)
        attempts[ordinal] = nil
        return running!.finished(ordinal, result, stopping: stopping, now: now, &out)
    }

    private func taskResult(_ ordinal: Int, _ status: TaskResult.Status, now: Date) -> TaskResult {
        let made = attempts[ordinal]
        return TaskResult(
            key: running!.tasks[ordinal].key, status: status, attempts: made?.made ?? 0, logFile: made?.log,
            seconds: made.map { now.timeIntervalSince($0.started) } ?? 0)
    }

    /// Any write that finds the run superseded stops it, as a renewal would: running tasks are terminated too.
    private mutating func noticed(_ error: StateError, _ out: inout [Decision]) {
        guard error.isSuperseded else { return }
        out.append(.stop(.superseded(error)))
        stopping = true
    }

    /// The next step that runs starts (its opening write); those before it are skipped with their reason. After
    /// the last, the run finishes.
    private mutating func advance(now: Date, _ out: inout [Decision]) {
        while true {
            current += 1
            guard current < steps.count else {
                finished = true
                out.append(.finish(result))
                return
            }
            let step = steps[current]
            guard let reason = skipReason(step) else { break }
            out.append(.skipStep(step: current, reason: reason))
            result.steps.append(StepSummary(
                index: step.index, name: step.name, status: .skipped(reason), tasks: step.waves.reduce(0) { $0 + $1.tasks.count },
                tasksRun: 0, tasksSkipped: 0, retries: 0, seconds: 0))
        }
        running = StepMachine(index: current, step: steps[current], now: now)
        out.append(.checkpoint(running!.opening))
    }

    private func skipReason(_ step: PlanStep) -> String? {
        switch step.disposition {
        case .skippedCondition(let condition): return "condition false: \(condition)"
        case .skippedSelection(let why): return why
        case .skippedCompleted(let runID): return "completed in run \(runID)"
        case .run: break
        }
        if result.stateError != nil { return "state store write failed" }
        if result.cancelled || stopping { return "run cancelled" }
        if let failed = result.haltedBy, !step.always { return "after failure of step '\(failed)'" }
        return nil
    }

    /// The step is over: its summary is reported, then its failure written (the first failure that fails the
    /// run makes the record FAILED at its step; any other is listed in Continued_Failures), then, if it is done,
    /// its completion, each write after the one before.
    private mutating func close(_ summary: StepSummary, now: Date, _ out: inout [Decision]) {
        let step = running!.step
        if let error = running!.stateError { result.stateError = result.stateError ?? error }
        running = nil
        attempts = [:]
        result.steps.append(summary)
        out.append(.progress(.stepFinished(summary)))
        switch summary.status {
        case .failed(let reason, let ignored):
            let failsTheRun = !ignored && result.failedStep == nil
            if failsTheRun {
                result.failedStep = step.name
                result.failure = reason
            }
            if !ignored, step.onFailure == .stop, result.haltedBy == nil { result.haltedBy = step.name }
            closing = (summary, summary.isDone)
            out.append(.checkpoint(.stepFailed(step: step.name, reason: reason, continuing: !failsTheRun)))
            return
        case .cancelled:
            result.cancelled = true
        case .completed, .skipped:
            break
        }
        closing = (summary, false)
        guard summary.isDone else { return closed(nil, now: now, &out) }
        out.append(.checkpoint(.stepCompleted(step: step.name)))
    }

    /// A closing write ended (nil: nothing to write): the completion follows the failure of an ignored step;
    /// then the next step.
    private mutating func closed(_ checkpoint: Checkpoint?, now: Date, _ out: inout [Decision]) {
        guard let closing else { return }
        if case .stepFailed = checkpoint, closing.thenDone {
            self.closing = (closing.summary, false)
            out.append(.checkpoint(.stepCompleted(step: closing.summary.name)))
            return
        }
        self.closing = nil
        advance(now: now, &out)
    }
}
