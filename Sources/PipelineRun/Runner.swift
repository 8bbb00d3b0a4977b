import Foundation
import PipelinePlan
import PipelineState

/// Executes a plan end to end: checks, preflight, state-store begin, resume, the steps, the final state.
/// Everything with a side effect is injected (store, launcher, actions, clock, reporter).
public struct Runner: Sendable {
    public var store: any StateStore
    public var launcher: any TaskLauncher
    public var actions: ActionRegistry
    public var clock: RunClock
    public var reporter: any RunReporter
    /// Runs once the executables are found and before the run is begun in the state store, so a failing
    /// preflight (the metastore check) runs after the run is claimed; a failure is recorded as FAILED with its
    /// reason before any step runs. Its `RunError.preflightFailed` carries the exit code.
    public var preflight: (@Sendable (Plan) async throws(RunError) -> Void)?
    /// Plans again for a resumed run (the CLI re-runs the planner with the resume point, so the plan shows it).
    /// Without it, `Plan.resumed(at:)` applies the same rules to the plan given.
    public var replan: (@Sendable (ResumePoint) throws(RunError) -> Plan)?

    public init(
        store: any StateStore, launcher: any TaskLauncher = SubprocessLauncher(), actions: ActionRegistry = .builtins,
        clock: RunClock = .system, reporter: any RunReporter,
        preflight: (@Sendable (Plan) async throws(RunError) -> Void)? = nil,
        replan: (@Sendable (ResumePoint) throws(RunError) -> Plan)? = nil
    ) {
        self.replan = replan
        self.store = store
        self.launcher = launcher
        self.actions = actions
        self.clock = clock
        self.reporter = reporter
        self.preflight = preflight
    }

    public func run(_ original: Plan, options: RunOptions, cancellation: RunCancellation = RunCancellation()) async -> RunSummary {
        let started = clock.now()
        let key = RunKey(correlationID: original.run.correlationID, product: original.product)
        var summary = RunSummary(
            key: key, runID: nil, status: .failed, steps: [], failedStep: nil, failure: nil, exitCode: .success,
            seconds: 0, logFolder: nil)
        func refuse(_ error: RunError) -> RunSummary {
            summary.failure = error.description
            summary.exitCode = error.exitCode
            summary.seconds = clock.now().timeIntervalSince(started)
            reporter.report(.runFinished(summary))
            return summary
        }

        let begun: BeginOutcome
        do throws(RunError) {
            try Self.checkExecutables(original, environment: options.environment)
            do throws(StateError) {
                begun = try await store.begin(BeginRequest(
                    key: key, date: original.run.exportDate, clusterID: options.clusterID, s3Prefix: original.run.s3Prefix,
                    snapshotType: original.run.snapshotType, owner: options.owner, now: clock.now(),
                    leaseDuration: options.leaseSeconds, force: options.force, takeover: options.takeover))
            } catch {
                throw RunError.state(error)
            }
        } catch {
            return refuse(error)
        }
        summary.runID = begun.record.runID
        let recorder = StateRecorder(store: store, handle: begun.handle, clock: clock)
        // Now that the run is ours: stop what earlier runners of this key left alive, remove their private
        // scripts, start the watchdog (RunSupervision). No task starts before this.
        let supervision: RunSupervision
        do throws(RunError) {
            supervision = try await RunSupervision.start(original, options: options)
        } catch {
            try? await recorder.finish(.failed, reason: error.description)
            return refuse(error)
        }
        defer { supervision.finish() }
        // The metastore check runs once the run is ours, so its failure is recorded (FAILED, with why) and
        // counts as an attempt; the record keeps its resume point, so a rerun starts where it would have.
        do throws(RunError) {
            try await preflight?(original)
        } catch {
            try? await recorder.finish(.failed, reason: error.description)
            return refuse(error)
        }
        let logs = LogFolder(base: options.logBase, correlationID: key.correlationID, runID: begun.record.runID)
        summary.logFolder = logs.root
        let plan: Plan
        let resume = begun.start.resumePoint
        do throws(RunError) {
            if let resume {
                guard original.step(named: resume.step) != nil else {
                    throw .resumeStepMissing(step: resume.step, previousRunID: resume.previousRunID)
                }
                if let replan {
                    plan = try replan(resume)
                } else {
                    plan = original.resumed(at: resume)
                }
            } else {
                plan = original
            }
            try logs.create()
        } catch {
            // The record keeps its resume point (CurrentStep), so a corrected rerun resumes where it should.
            try? await recorder.finish(.failed, reason: error.description)
            return refuse(error)
        }
        reporter.report(.runStarted(plan: plan, runID: begun.record.runID, resume: Self.describe(resume, plan), logFolder: logs.root))

        let executor = TaskExecutor(
            plan: plan, launcher: launcher, actions: actions, clock: clock, environment: options.environment,
            workingDirectory: options.workingDirectory, logs: logs, gracePeriod: options.gracePeriod,
            reporter: reporter, mask: SecretMask(plan: plan), runID: begun.record.runID, supervision: supervision)
        let scheduler = Scheduler(plan: plan, executor: executor, state: recorder, reporter: reporter, clock: clock)
        let lease = Task { [reporter] in
            let every = Duration.milliseconds(Int64(options.leaseSeconds * 1000 / 3))
            while (try? await Task.sleep(for: every)) != nil {
                do throws(StateError) {
                    try await recorder.renewLease(for: options.leaseSeconds)
                } catch {
                    reporter.report(.notice("lease renewal failed: \(error)"))
                }
            }
        }
        let work = Task { await scheduler.run() }
        cancellation.register { work.cancel() }
        let outcome = await work.value
        lease.cancel()
        await lease.value

        summary.steps = outcome.steps
        summary.failedStep = outcome.failedStep
        summary.failure = outcome.failure
        let final: (RunStatus, String?, RunExitCode)
        if let signal = cancellation.signal {
            let name = signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "signal \(signal)"
            final = (.cancelled, "interrupted by \(name)", signal == SIGINT ? .interrupted : .terminated)
        } else if let failed = outcome.failedStep {
            final = (.failed, "step '\(failed)' failed: \(outcome.failure ?? "")", .stepFailed)
        } else {
            final = (.completed, nil, .success)
        }
        summary.status = outcome.failedStep != nil ? .failed : final.0
        summary.exitCode = final.2
        if final.0 == .cancelled { summary.failure = final.1 }
        do throws(StateError) {
            if let stateError = outcome.stateError { throw stateError }
            try await recorder.finish(final.0, reason: final.1)
        } catch {
            summary.failure = error.description
            if final.2 == .success || final.2 == .stepFailed { summary.exitCode = RunError.state(error).exitCode }
            reporter.report(.notice("state store: \(error)"))
        }
        summary.seconds = clock.now().timeIntervalSince(started)
        reporter.report(.runFinished(summary))
        return summary
    }

    static func describe(_ resume: ResumePoint?, _ plan: Plan) -> String? {
        guard let resume else { return nil }
        let done = plan.step(named: resume.step)?.tasks.filter(\.completedInPreviousRun).count ?? 0
        let tasks = done == 0 ? "" : " (skipping \(done) task(s) that succeeded)"
        return "resuming run \(resume.previousRunID) at step '\(resume.step)'\(tasks)"
    }

    /// Every executable the runnable steps need, found before anything starts.
    static func checkExecutables(_ plan: Plan, environment: [String: String]) throws(RunError) {
        var checked: Set<String> = []
        for step in plan.steps where step.disposition.willRun {
            for task in step.tasks {
                let (name, hint): (String?, String)
                switch (task.work, task.engine) {
                case (.action, _): continue
                case (.command(let argv), _):
                    (name, hint) = (argv.first, "check the command at \(task.location)")
                case (_, .hive):
                    (name, hint) = (plan.engines.hiveCommand.first, "use --hive-command PATH or `hive { command ... }`")
                case (_, .beeline):
                    (name, hint) = (plan.engines.beelineCommand.first, "use --beeline-command PATH or `beeline { command ... }`")
                }
                guard let name, !checked.contains(name) else { continue }
                guard ExecutableLookup.resolve(name, environment: environment) != nil else {
                    throw .executableNotFound(name, usedBy: "step '\(step.name)'", hint: hint)
                }
                checked.insert(name)
            }
        }
    }
}
