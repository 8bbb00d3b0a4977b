import Basics
import Foundation
import PipelinePlan
import PipelineState

/// Runs one attempt of a task: reports its start, runs it, copies its output to the step's log and says how it
/// ended. Whether another attempt follows, after which delay, is `RunMachine`'s rule and `RunDriver`'s wait.
struct TaskExecutor: Sendable {
    var plan: Plan
    var launcher: any TaskLauncher
    var actions: ActionRegistry
    var clock: RunClock
    /// The runner's own environment; children get `supervision.childEnvironment`'s, never this one whole.
    var environment: [String: String]
    var workingDirectory: String?
    var logs: LogFolder
    var gracePeriod: Duration
    var reporter: any RunReporter
    var mask: SecretMask
    var runID: Int
    /// The run-state folder (private scripts, process groups) and the children's environment rule.
    var supervision: RunSupervision

    /// Attempt `attempt` of `task` (1 is the first): its outcome and the task's log file. A failure once the run
    /// is cancelled is `cancelled` (the stop, not the task, ended it).
    func attempt(_ task: PlanTask, in step: PlanStep, ordinal: Int, attempt: Int) async -> (AttemptOutcome, log: URL) {
        let logFile = logs.file(for: task, in: step, ordinal: ordinal)
        let attempts = max(step.retry.attempts, 1)
        reporter.report(.taskStarted(step, task, attempt: attempt))
        let offset = StepLog.offset(of: logFile)
        let outcome = await execute(task, in: step, attempt: attempt, of: attempts, logFile: logFile)
        copyToStepLog(task, in: step, attempt: attempt, of: attempts, outcome: outcome, logFile: logFile, from: offset)
        if case .failure = outcome, Task.isCancelled { return (.cancelled, logFile) }
        return (outcome, logFile)
    }

    private func execute(_ task: PlanTask, in step: PlanStep, attempt: Int, of attempts: Int, logFile: URL) async -> AttemptOutcome {
        let timeout = step.timeoutSeconds.map { Duration.milliseconds(Int64(($0 * 1000).rounded())) }
        if case .action(let name, let arguments) = task.work {
            appendLog(logFile, "=== attempt \(attempt)/\(attempts) at \(stamp()): action \(name) \(arguments.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
            guard let action = actions.action(named: name) else {
                let message = "action '\(name)' is not available in this build (no implementation registered)"
                appendLog(logFile, message)
                return .failure(message, retryable: false)
            }
            return await perform(action, name: name, arguments: arguments, timeout: timeout, logFile: logFile)
        }
        if task.engine == .hiveserver2, task.work.isHQL {
            return await executeNative(task, attempt: attempt, of: attempts, logFile: logFile, timeout: timeout)
        }
        // Secret-bearing variables travel in a private script, never in argv (visible to `ps`): created 0600 from
        // its first byte in the run's 0700 folder, removed when the attempt ends (or by the watchdog, or at the
        // next run's start, if the runner dies).
        let name = "\(LogFolder.padded(step.index, 2))-\(logFile.deletingPathExtension().lastPathComponent)-attempt\(attempt).init.hql"
        let initFile = supervision.folder.scripts.appendingPathComponent(name, isDirectory: false)
        let argv = EngineCommand.argv(for: task, engines: plan.engines, initFile: initFile.path)
        // Written by the launcher, off the cooperative pool, before anything the child prints.
        let header = "=== attempt \(attempt)/\(attempts) at \(stamp()): \(ShellWords.join(argv))"
        let script = EngineCommand.initScript(for: task)
        if let script {
            do throws(RunError) {
                try PrivateFiles.write(Data(script.utf8), to: initFile, replacing: true)
            } catch {
                appendLog(logFile, header)
                appendLog(logFile, error.description)
                return .failure(error.description, retryable: false)
            }
        }
        defer { if script != nil { unlink(initFile.path) } }
        let environment = supervision.childEnvironment.environment(for: task, adding: [
            "PDM_CORRELATION_ID": plan.run.correlationID,
            "PDM_RUN_ID": String(runID),
            "PDM_RUN_KEY": supervision.folder.key,
            "PDM_STEP": step.name,
            "PDM_TASK": task.key,
            "PDM_ATTEMPT": String(attempt),
        ])
        let outcome = await launcher.launch(LaunchRequest(
            argv: argv, environment: environment, workingDirectory: workingDirectory, logFile: logFile, header: header,
            timeout: timeout, gracePeriod: gracePeriod, mask: outputMask, runState: supervision.folder))
        if outcome.succeeded { return .success }
        if case .notStarted = outcome { appendLog(logFile, outcome.description) }
        return .failure(outcome.description, retryable: true)
    }

    private func perform(_ action: @escaping TaskAction, name: String, arguments: [KeyValue], timeout: Duration?, logFile: URL) async -> AttemptOutcome {
        let context = ActionContext(
            name: name, arguments: arguments, plan: plan, clock: clock,
            log: { [mask] line in LogFolder.appendLine(mask.apply(line), to: logFile) })
        let failure = await Self.failure(of: { try await action(context) }, timeout: timeout, mask: outputMask, timer: clock.timer)
        guard let failure else { return .success }
        appendLog(logFile, failure)
        return .failure(failure, retryable: true)
    }

    /// Runs `work` in the runner (an action, a native-engine task) against its timeout: nil when it succeeded,
    /// else why not. The first to end decides; cancelling the other stops the work, and the group waits for it
    /// to end (the native engine cancels its query on the server meanwhile, within the grace period). The timeout
    /// is timed by the run's clock (`RunClock.timer`).
    /// An error's text may come from a server: it is masked, then made one line with control characters escaped,
    /// before it reaches the task log, the terminal, the JSON log, the timeline or the state record.
    static func failure(
        of work: @escaping @Sendable () async throws -> Void, timeout: Duration?, mask: SecretMask,
        timer: @escaping @Sendable (Duration) async throws -> Void
    ) async -> String? {
        await withTaskGroup(of: String?.self) { group in
            group.addTask {
                do {
                    try await work()
                    return nil
                } catch is CancellationError {
                    return "cancelled"
                } catch {
                    return OneLine.escaped(mask.apply("\(error)"))
                }
            }
            if let timeout {
                group.addTask {
                    guard (try? await timer(timeout)) != nil else { return nil }
                    return "timed out after \(DurationText.format(timeout.inSeconds))"
                }
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    /// The attempt's output into the step's flat log (`StepLog`), where the CloudWatch agent ships it from.
    private func copyToStepLog(
        _ task: PlanTask, in step: PlanStep, attempt: Int, of attempts: Int, outcome: AttemptOutcome, logFile: URL, from offset: UInt64
    ) {
        let verdict: String
        switch outcome {
        case .success: verdict = "succeeded"
        case .failure(let why, _): verdict = "failed: \(why)"
        case .cancelled: verdict = "cancelled"
        }
        let header = "=== \(stamp()) \(plan.run.correlationID) run \(runID) step \(step.name) task \(task.key) attempt \(attempt)/\(attempts) \(verdict) (task log \(logFile.path))"
        StepLog(logs, step: step).append(header: outputMask.apply(header), taskLog: logFile, from: offset)
    }

    func stamp() -> String { UTCDate.iso8601(clock.now()) }

    func appendLog(_ url: URL, _ line: String) {
        LogFolder.appendLine(outputMask.apply(line), to: url)
    }

    /// The plan's secrets and the values of withheld variables (a task may ask for one and print it).
    var outputMask: SecretMask {
        SecretMask(secrets: mask.secrets + supervision.childEnvironment.withheldValues)
    }
}
