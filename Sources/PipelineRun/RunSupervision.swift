import Basics
import Foundation
import PipelinePlan
import PipelineState
import Synchronization

/// What keeps a run's processes accounted for, from before its first task to after its last: the run-state
/// folder (task process groups, private scripts), the orphans of earlier runs stopped before anything starts,
/// the watchdog that stops this run's tasks if the runner dies, and the rule for the children's environment.
public final class RunSupervision: Sendable {
    public let folder: RunStateFolder
    public let childEnvironment: ChildEnvironment
    let watchdog: Watchdog.Handle?
    private let finished = Mutex(false)

    init(folder: RunStateFolder, childEnvironment: ChildEnvironment, watchdog: Watchdog.Handle?) {
        self.folder = folder
        self.childEnvironment = childEnvironment
        self.watchdog = watchdog
    }

    /// Call once the state store has made the run ours (so a runner that is still legitimately running is never
    /// touched) and before the first task: reaps what earlier runners of this key left alive (waiting until it is
    /// gone), removes their private scripts, then starts the watchdog.
    public static func start(_ plan: Plan, options: RunOptions) async throws(RunError) -> RunSupervision {
        let key = RunKey(correlationID: plan.run.correlationID, product: plan.product)
        let folder = RunStateFolder(base: options.runStateBase ?? options.logBase, run: key, scope: options.stateScope)
        try folder.prepare()
        let reaper = OrphanReaper(folder: folder, correlationID: key.correlationID, grace: options.gracePeriod)
        // Blocking (polls /proc for up to grace + 5 s): a thread of its own, not the cooperative pool.
        let outcome = await OwnThread.run { reaper.reap() }
        if !outcome.stopped.isEmpty {
            folder.log("run start: stopped \(outcome.stopped.count) task process(es) of an earlier runner \(outcome.stopped); still alive: \(outcome.survivors)")
        }
        guard outcome.survivors.isEmpty else { throw .orphansAlive(pids: outcome.survivors) }
        folder.removeScripts()
        let watchdog = try options.watchdogExecutable.map { executable throws(RunError) in
            try Watchdog.spawn(executable: executable, folder: folder, correlationID: key.correlationID, grace: options.gracePeriod)
        }
        let environment = ChildEnvironment(runner: options.environment, plan: plan, withholding: options.withheldEnvironment)
        return RunSupervision(folder: folder, childEnvironment: environment, watchdog: watchdog)
    }

    /// Every task has ended: the watchdog goes, and no private script stays. Blocks until the watchdog exited (a
    /// few milliseconds); a second call does nothing more.
    public func finish() {
        guard finished.withLock({ done in defer { done = true }; return !done }) else { return }
        folder.removeScripts()
        watchdog?.release()
    }
}
