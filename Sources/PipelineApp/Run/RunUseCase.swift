import DynamoDBState
import Foundation
import PipelineMetrics
import PipelinePlan
import PipelineReport
import PipelineRun
import PipelineState

/// `run`: the plan through its engines, resumably; the state store, preflight, logs, metrics and the timeline
/// wired around the runner. Exit codes: `ExitStatus`.
public struct RunUseCase: Sendable {
    public var inputs: PlanArguments
    public var state: StateSettings
    public var preflight: PreflightSettings
    public var skipPreflight: Bool
    public var logs: LogSettings
    /// `--force`, `--takeover`, `--accept-changes`, `--record-cancelled`.
    public var policy: RunPolicy
    /// Base folder for task logs; nil: /var/log/pdm if writable, else ./logs.
    public var logDir: String?
    /// Seconds between SIGTERM and SIGKILL when stopping a task.
    public var gracePeriod: Double
    public var leaseSeconds: Double

    public init(
        inputs: PlanArguments, state: StateSettings = StateSettings(), preflight: PreflightSettings = PreflightSettings(),
        skipPreflight: Bool = false, logs: LogSettings = LogSettings(), policy: RunPolicy = RunPolicy(),
        logDir: String? = nil, gracePeriod: Double = 10, leaseSeconds: Double = 300
    ) {
        self.inputs = inputs
        self.state = state
        self.preflight = preflight
        self.skipPreflight = skipPreflight
        self.logs = logs
        self.policy = policy
        self.logDir = logDir
        self.gracePeriod = gracePeriod
        self.leaseSeconds = leaseSeconds
    }

    public func run(_ context: AppContext) async -> ExitStatus {
        // Signals are honoured from the first instant: one that arrives while the plan loads or the run is
        // being begun stops it as soon as it is ours (recorded FAILED, or CANCELLED with `policy.recordCancelled`; exit 130/143).
        let cancellation = RunCancellation()
        let trap = SignalTrap { cancellation.cancel(signal: $0) }
        defer { withExtendedLifetime(trap) {} }
        return await context.outcome { () async throws(CommandFailure) -> ExitStatus in
            var plan = try PlanLoading.load(inputs, context: context, requireRunParameters: true, inferTables: .tableOrderedSteps).plan
            if !skipPreflight, let missing = preflight.missingCABundle(for: plan, environment: context.environment) {
                throw CommandFailure(.unusableInput, missing)
            }
            // Table order starts the longest remaining path first: the times of the last run, when it left a timeline.
            plan = plan.expecting(TaskDurations.latest(pipeline: plan.pipeline, bases: [logBase(context)]))
            let store = try state.makeStore(environment: context.environment)
            let clusterID: String
            do {
                clusterID = try JobFlowInfo.clusterID(path: JobFlowInfo.path(environment: context.environment))
            } catch {
                throw CommandFailure(.unusableInput, "\(error)")
            }
            let format = logs.format(environment: context.environment, stderrIsTTY: context.console.stderrIsTTY)
            // The plan's secrets and the HiveServer2 password: masked in every output of the run.
            let mask = SecretMask.forRun(plan, workingDirectory: context.workingDirectory)
            let logger = logs.makeLogger(plan: plan, mask: mask, format: format, context: context)
            var output = RunOutput.make(mask: mask, format: format, logger: logger, console: context.console)
            // Metrics: the actions, and the run's events into the metrics file and the pushgateway status.
            let metrics = MetricsWiring.session(
                plan: plan, clusterID: clusterID, aws: state.aws, environment: context.environment, logger: logger)
            let actions = RunActions.registry(metrics: metrics)
            if let metrics { output.reporter = metrics.reporter(wrapping: output.reporter) }
            // Per-task times for `report`: <log folder>/timeline.jsonl, written as the events happen.
            output.reporter = TimelineRecorder(wrapping: output.reporter, mask: mask, now: context.now)
            let runner = Runner(
                store: store, actions: actions, reporter: output.reporter,
                preflight: preflight.hook(
                    skip: skipPreflight, environment: context.environment, log: RunOutput.lines(format: format, logger: logger, console: context.console)))
            let live = output.live
            let ticker = Task {
                while let live, (try? await Task.sleep(for: .seconds(1))) != nil { live.tick() }
            }
            let summary = await runner.run(plan, options: options(clusterID: clusterID, context: context), cancellation: cancellation)
            ticker.cancel()
            // Every exit path (done, failed, signal, takeover) comes through here: the export stops for good.
            await metrics?.close(summary)
            return summary.exitCode
        }
    }

    func options(clusterID: String, context: AppContext) -> RunOptions {
        var options = RunOptions(
            policy: policy, clusterID: clusterID,
            owner: RunOwner(host: context.hostName, pid: context.processID), leaseSeconds: leaseSeconds,
            gracePeriod: .milliseconds(Int64(gracePeriod * 1000)),
            logBase: logBase(context),
            environment: context.environment, workingDirectory: context.workingDirectory)
        options.withheldEnvironment = preflight.withheldEnvironment
        options.stateScope = state.scope
        options.runStateBase = state.runStateBase
        options.watchdogExecutable = Self.thisExecutable()
        return options
    }

    /// `--log-dir`, else /var/log/pdm if writable, else ./logs.
    func logBase(_ context: AppContext) -> URL {
        logDir.map { URL(fileURLWithPath: $0) } ?? LogFolder.defaultBase(workingDirectory: URL(fileURLWithPath: context.workingDirectory))
    }

    /// This program, for the watchdog: `/proc/self/exe` resolved (so it is found even if replaced meanwhile).
    static func thisExecutable() -> String? {
        guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        return FileManager.default.isExecutableFile(atPath: path) ? path : "/proc/self/exe"
    }
}
