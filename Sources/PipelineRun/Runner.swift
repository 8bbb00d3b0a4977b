import Basics
import Foundation
import PipelinePlan
import PipelineState

/// Executes a plan end to end: checks, state-store begin, preflight, resume, the steps, the final state.
/// Everything with a side effect is injected (store, launcher, actions, clock, reporter).
///
/// A stop request (`RunCancellation`: a signal, or the fence when the run is no longer provably ours) is honoured
/// in every phase: state writes in flight finish, the current phase is cancelled (the preflight, the wait after
/// a takeover, the steps and their process groups), and the final record says why.
public struct Runner: Sendable {
    public var store: any StateStore
    public var launcher: any TaskLauncher
    public var actions: ActionRegistry
    public var clock: RunClock
    public var reporter: any RunReporter
    /// Runs once the executables are found and the run is begun in the state store, so a failing preflight (the
    /// metastore check) is recorded as FAILED with its reason before any step runs. Its
    /// `RunError.preflightFailed` carries the exit code. It must return promptly when its task is cancelled.
    public var preflight: (@Sendable (Plan) async throws(RunError) -> Void)?

    public init(
        store: any StateStore, launcher: any TaskLauncher = SubprocessLauncher(), actions: ActionRegistry = .builtins,
        clock: RunClock = .system, reporter: any RunReporter,
        preflight: (@Sendable (Plan) async throws(RunError) -> Void)? = nil
    ) {
        self.store = store
        self.launcher = launcher
        self.actions = actions
        self.clock = clock
        self.reporter = reporter
        self.preflight = preflight
    }

    /// The phases, in order: claim the run (executables, the state-store begin), take charge of it (lease, leftovers
    /// of earlier runners, watchdog), do the work (preflight, resume, the steps) under `cancellation`, conclude
    /// (the ending and the final record, always attempted).
    public func run(_ original: Plan, options: RunOptions, cancellation: RunCancellation = RunCancellation()) async -> RunSummary {
        let started = clock.now()
        let key = RunKey(correlationID: original.run.correlationID, product: original.product)
        var runID: Int?
        // The summary is made once, from the result of whatever phase the run ended in.
        func finished(_ result: RunResult) -> RunSummary {
            let summary = RunSummary(key: key, runID: runID, result: result, seconds: clock.now().timeIntervalSince(started))
            reporter.report(.runFinished(summary))
            return summary
        }

        let begun: BeginOutcome
        let mask = Self.storedMask(original, options: options)
        var request = BeginRequest(
            plan: original, clusterID: options.clusterID, owner: options.owner, now: clock.now(),
            leaseDuration: options.leaseSeconds, policy: options.policy)
        // Nothing is stored unmasked (the key aside): a value that holds a secret is stored as `****`.
        request.date = mask.apply(request.date)
        request.clusterID = mask.apply(request.clusterID)
        request.s3Prefix = mask.apply(request.s3Prefix)
        request.snapshotType = mask.apply(request.snapshotType)
        do throws(RunError) {
            try Self.checkExecutables(original, environment: options.environment)
            begun = try await begin(request)
        } catch {
            return finished(.refused(error))
        }
        runID = begun.record.runID
        let recorder = StateRecorder(store: store, handle: begun.handle, clock: clock, mask: mask)
        let fence = RunFence(
            recorder: recorder, leaseSeconds: options.leaseSeconds, gracePeriod: options.gracePeriod,
            begunAt: begun.record.startedAt, cancellation: cancellation, reporter: reporter)
        // The lease is kept from the moment the run is ours, also while earlier runners' leftovers are reaped.
        let lease = Task { await fence.keepAlive() }
        // Now that the run is ours: stop what earlier runners of this key left alive, remove their private
        // scripts, start the watchdog (RunSupervision). No task starts before this.
        let supervision: RunSupervision
        do throws(RunError) {
            supervision = try await RunSupervision.start(original, options: options)
        } catch {
            lease.cancel()
            try? await recorder.finish(.failed, reason: error.description)
            return finished(.refused(error))
        }
        defer { supervision.finish() }
        let work = Task {
            await self.work(
                original, begun: begun, fingerprints: request.fingerprints ?? [:], recorder: recorder, fence: fence,
                supervision: supervision, options: options)
        }
        cancellation.register { work.cancel() }
        var result = await work.value
        // Every task has ended: the watchdog takes its last look and exits while the run is recorded.
        let released = Task { await OwnThread.run { supervision.finish() } }
        lease.cancel()
        await lease.value

        result.stop = cancellation.reason
        if result.ending.write {
            await record(into: &result, plan: original, begun: begun, current: request.fingerprints, options: options, recorder: recorder)
        }
        await released.value
        return finished(result)
    }

    /// What every value the run stores is masked with: the plan's secrets and the values of the variables the
    /// children are denied (AWS keys, the metastore password), as task output is.
    static func storedMask(_ plan: Plan, options: RunOptions) -> SecretMask {
        let withheld = ChildEnvironment(runner: options.environment, plan: plan, withholding: options.withheldEnvironment).withheldValues
        return SecretMask(secrets: SecretMask(plan: plan).secrets + withheld)
    }

    /// The state-store begin, in its own task: a signal meanwhile does not abort the write (its effect would be
    /// unknown); the work phase then sees the signal at once and records the run cancelled.
    private func begin(_ request: BeginRequest) async throws(RunError) -> BeginOutcome {
        let store = self.store
        let result = await Task { () async -> Result<BeginOutcome, StateError> in
            do throws(StateError) { return .success(try await store.begin(request)) } catch { return .failure(error) }
        }.value
        do { return try result.get() } catch { throw .state(error) }
    }

    /// Everything after the begin, as one cancellable task: preflight, the wait after a takeover, the steps.
    private func work(
        _ original: Plan, begun: BeginOutcome, fingerprints: StepFingerprints, recorder: StateRecorder, fence: RunFence,
        supervision: RunSupervision, options: RunOptions
    ) async -> RunResult {
        // The metastore check runs once the run is ours, so its failure is recorded (FAILED, with why) and
        // counts as an attempt; the record keeps its resume point, so a rerun starts where it would have.
        if let preflight {
            let result = await abandonable { () async -> Result<Void, RunError> in
                do throws(RunError) { return .success(try await preflight(original)) } catch { return .failure(error) }
            }
            // nil: stopped meanwhile (a signal); the ending records why.
            guard let result else { return .stopped }
            if case .failure(let error) = result { return .refused(error) }
        }
        let logs = LogFolder(base: options.logBase, correlationID: begun.record.correlationID, runID: begun.record.runID)
        let plan: Plan
        // An explicit selection (`--from`/`--only`) runs what it selects: no step is skipped as completed.
        let resume = original.selection == nil ? begun.resumePoint : nil
        do throws(RunError) {
            plan = try resumedPlan(original, at: resume)
            try logs.create()
        } catch {
            // The record keeps its resume point (CurrentStep), so a corrected rerun resumes where it should.
            return .refused(error)
        }
        if Task.isCancelled { return RunResult(cancelled: true, logFolder: logs.root) }
        await waitForPreviousOwner(begun, owner: options.owner)
        if let notice = begun.start.restartNotice(begun.record.key, runID: begun.record.runID) { reporter.report(.notice(notice)) }
        reporter.report(.runStarted(plan: plan, runID: begun.record.runID, resume: Self.describe(resume, plan), logFolder: logs.root))

        let executor = TaskExecutor(
            plan: plan, launcher: launcher, actions: actions, clock: clock, environment: options.environment,
            workingDirectory: options.workingDirectory, logs: logs, gracePeriod: options.gracePeriod,
            reporter: reporter, mask: SecretMask.forRun(plan, workingDirectory: options.workingDirectory), runID: begun.record.runID, supervision: supervision)
        let driver = RunDriver(
            plan: plan, executor: executor, state: recorder, fence: fence, reporter: reporter, clock: clock, fingerprints: fingerprints)
        var result = await driver.run()
        result.logFolder = logs.root
        return result
    }

    private func resumedPlan(_ original: Plan, at resume: ResumePoint?) throws(RunError) -> Plan {
        guard let resume else { return original }
        guard original.step(named: resume.step) != nil else {
            throw .resumeStepMissing(step: resume.step, previousRunID: resume.previousRunID)
        }
        return original.resumed(at: resume)
    }

    /// After `--takeover` of a lease that has not run out, the previous runner may still be alive: it fences
    /// itself off before its lease ends (it cannot renew a superseded run), so no task starts before then.
    /// A previous owner on this host whose process is gone needs no wait.
    private func waitForPreviousOwner(_ begun: BeginOutcome, owner: RunOwner) async {
        guard let previous = begun.previousOwner, let until = begun.previousLeaseExpiresAt else { return }
        if previous.host == owner.host, kill(previous.pid, 0) != 0, errno == ESRCH { return }
        let wait = until.timeIntervalSince(clock.now()) + 1
        guard wait > 0 else { return }
        reporter.report(.notice(
            "took over a lease held by \(previous) until \(until.formatted(.iso8601)): waiting \(DurationText.format(wait)) for it to stop"))
        try? await clock.timer(.milliseconds(Int64(wait * 1000)))
    }

    static func describe(_ resume: ResumePoint?, _ plan: Plan) -> String? {
        guard let resume else { return nil }
        let done = plan.step(named: resume.step)?.tasks.filter(\.completedInPreviousRun).count ?? 0
        let tasks = done == 0 ? "" : " (skipping \(done) task(s) that succeeded)"
        return "resuming run \(resume.previousRunID) at step '\(resume.step)'\(tasks)"
    }
}
