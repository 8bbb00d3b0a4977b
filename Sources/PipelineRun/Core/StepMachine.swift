import Foundation
import PipelinePlan
import PipelineState

/// One step of a run, as a pure value: which tasks to launch, what a task's end means for the step, and when the
/// step is over with which summary. `RunMachine` owns it while the step runs; every method is O(1) but for the
/// queue's own work (`LaunchQueue`) and appends its decisions to `out`.
///
/// The step runs its launch groups in turn (`LaunchGroup`): each wave as a barrier (`order waves`), or the whole
/// step at once on its task graph (`order tables`); waves are the graph's special case, run by the same code.
/// Inside a group, up to `parallelism` tasks at once, in the queue's order. After the first failure (unless
/// `on_failure ignore`), a state write error, or a launch the fence refused, nothing new starts; tasks already
/// running finish, so their logs and effects are complete. A task-level resume step (`resume task`) checkpoints
/// each completion without holding up the next launch; the group ends only once those writes are stored.
struct StepMachine: Sendable {
    /// The step's index in the plan.
    let index: Int
    let step: PlanStep
    /// `step.tasks`, flattened once: launches and reports name tasks by their ordinal here.
    let tasks: [PlanTask]
    let started: Date
    private let carried: Set<String>
    private(set) var summary: StepSummary
    /// A completion this step could not store (the first); it ends the step and fails the run.
    private(set) var stateError: StateError?

    private var groups: [LaunchGroup] = []
    private var group = -1
    private var queue: LaunchQueue?
    /// Completions handed to the writer and not yet stored.
    private var writes = 0
    /// Nothing more starts in this group: a failure, a refused launch, a state write error.
    private var halted = false
    private var ran = 0
    private var cancelled = false
    private var failed = 0
    private var firstFailure: String?
    /// Across the step's groups.
    private var failure: String?
    private var failedTasks = 0
    /// The step could not run all its tasks (state store, fence): never ignored.
    private var unfinished = false

    init(index: Int, step: PlanStep, now: Date) {
        self.index = index
        self.step = step
        tasks = step.tasks
        started = now
        carried = Set(tasks.filter(\.completedInPreviousRun).map(\.key))
        summary = StepSummary(
            index: step.index, name: step.name, status: .completed, tasks: tasks.count, tasksRun: 0,
            tasksSkipped: carried.count, retries: 0, seconds: 0)
    }

    /// The write that opens the step: the tasks a task-level resume carries over from the run it resumes.
    var opening: RunMachine.Checkpoint {
        .stepStarted(step: step.name, carried: step.resume == .task ? carried.sorted() : [])
    }

    /// A non-critical step runs every task, as the original's scripts that ignored errors did.
    private var keepGoing: Bool { step.onFailure == .ignore }

    /// The opening write failed: the step fails (never ignored) without running anything.
    mutating func openingFailed(_ error: StateError) -> StepSummary {
        stateError = error
        summary.status = .failed("state store: \(error)", ignored: false)
        return summary
    }

    /// The opening write is stored: the first group starts. Returns the summary if the step is over at once.
    mutating func opened(stopping: Bool, now: Date, _ out: inout [RunMachine.Decision]) -> StepSummary? {
        out.append(.progress(.stepStarted(step: index, tasks: tasks.count, skippedTasks: carried.count)))
        groups = LaunchGroup.groups(step, carried: carried)
        return nextGroup(stopping: stopping, now: now, &out)
    }

    /// A task ended after its attempts (or was refused before its first: `refused`).
    mutating func finished(
        _ ordinal: Int, _ result: TaskResult, stopping: Bool, now: Date, _ out: inout [RunMachine.Decision]
    ) -> StepSummary? {
        guard queue != nil else { return nil }
        queue!.finished(ordinal, succeeded: result.succeeded)
        ran += 1
        summary.retries += result.retries
        if result.status == .cancelled {
            cancelled = true
        } else if case .failed(let why) = result.status {
            failed += 1
            firstFailure = firstFailure ?? "task \(tasks[ordinal].key) failed: \(why)"
        }
        out.append(.progress(.taskFinished(step: index, ordinal: ordinal, result)))
        if !result.succeeded, !keepGoing { halted = true }
        if result.status == .succeeded, step.resume == .task {
            writes += 1
            out.append(.checkpoint(.taskCompleted(step: step.name, task: tasks[ordinal].key)))
        }
        if !halted, !stopping { launch(&out) }
        return groupEnded(stopping: stopping, now: now, &out)
    }

    /// A launch the fence refused, or a task stopped before its first attempt: it never started.
    mutating func refused(_ ordinal: Int, stopping: Bool, now: Date, _ out: inout [RunMachine.Decision]) -> StepSummary? {
        guard queue != nil else { return nil }
        queue!.finished(ordinal, succeeded: false)
        halted = true
        return groupEnded(stopping: stopping, now: now, &out)
    }

    /// A completion's write ended: stored, or not (`error`), which stops launching.
    mutating func recorded(_ error: StateError?, stopping: Bool, now: Date, _ out: inout [RunMachine.Decision]) -> StepSummary? {
        guard queue != nil else { return nil }
        writes -= 1
        if let error {
            stateError = stateError ?? error
            halted = true
        }
        return groupEnded(stopping: stopping, now: now, &out)
    }

    /// As many as are ready, while a slot is free: one task's end may make several ready.
    private mutating func launch(_ out: inout [RunMachine.Decision]) {
        let limit = max(step.parallelism, 1)
        while queue!.running.count < limit, let ordinal = queue!.next() {
            out.append(.launch(step: index, ordinal: ordinal))
        }
    }

    private mutating func nextGroup(stopping: Bool, now: Date, _ out: inout [RunMachine.Decision]) -> StepSummary? {
        group += 1
        guard group < groups.count else { return ended(now: now) }
        let next = groups[group]
        queue = next.queue
        halted = false
        ran = 0
        cancelled = false
        failed = 0
        firstFailure = nil
        if let wave = next.wave { out.append(.progress(.waveStarted(step: index, wave: wave, tasks: next.tasks.count))) }
        if !stopping { launch(&out) }
        return groupEnded(stopping: stopping, now: now, &out)
    }

    /// When nothing runs and no write is pending, the group is over: a stop makes the step cancelled (never
    /// failed), else a failure, a state write error or tasks left unstarted end the step, else the next group.
    private mutating func groupEnded(stopping: Bool, now: Date, _ out: inout [RunMachine.Decision]) -> StepSummary? {
        guard queue!.running.isEmpty, writes == 0 else { return nil }
        let pending = groups[group].tasks.count
        summary.tasksRun += ran
        // A stop (signal, fence) leaves tasks unlaunched: that is the stop, never a failure of the step.
        if cancelled || stopping {
            summary.status = .cancelled
            return ended(now: now)
        }
        if let firstFailure {
            failure = failure ?? firstFailure
            failedTasks += failed
            if !keepGoing { return ended(now: now) }
        }
        if stateError != nil {
            failure = "state store write failed"
            unfinished = true
            return ended(now: now)
        }
        // Never let a task that did not run pass for done: the step must not be recorded as completed.
        if ran < pending {
            failure = "\(pending - ran) task(s) of \(groups[group].name(in: step)) not started"
            unfinished = true
            return ended(now: now)
        }
        return nextGroup(stopping: stopping, now: now, &out)
    }

    private mutating func ended(now: Date) -> StepSummary {
        queue = nil
        if var failure, summary.status != .cancelled {
            if failedTasks > 1, keepGoing { failure += " (and \(failedTasks - 1) more task(s) failed)" }
            summary.status = .failed(failure, ignored: keepGoing && !unfinished)
        }
        summary.seconds = now.timeIntervalSince(started)
        return summary
    }
}
