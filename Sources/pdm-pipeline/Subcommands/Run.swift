import ArgumentParser
import DynamoDBState
import Foundation
import Logging
import PipelineLog
import PipelineMetrics
import PipelinePlan
import PipelineReport
import PipelineRun
import PipelineState

extension PDMPipeline {
    /// `pdm-pipeline run`: executes the plan through hive/beeline, resumably. Exit codes: see RunExitCode.
    struct RunCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run the pipeline: steps in order, waves as barriers, tasks in parallel; resumes a failed run.",
            discussion: """
                Exit codes: 0 done, 1 a step failed, 2 unusable input, 3 state conflict (already COMPLETED, \
                IN_PROGRESS elsewhere, taken over), 4 metastore unreachable (preflight), 5 state store unavailable, \
                6 engine executable not found, 130 SIGINT, 143 SIGTERM.
                """)

        @OptionGroup var pipeline: PipelineOptions
        @OptionGroup var stateOptions: StateOptions
        @OptionGroup var preflightOptions: RunPreflightOptions
        @OptionGroup var logOptions: LogOptions

        @Flag(help: "Run a COMPLETED correlation id again, from the beginning.")
        var force = false

        @Flag(help: "Take over an IN_PROGRESS run whose runner is known to be dead (its lease has not expired).")
        var takeover = false

        @Flag(name: .customLong("accept-changes"), help: "Resume even when steps before the resume point changed since the failed run.")
        var acceptChanges = false

        @Flag(name: .customLong("record-cancelled"), help: "Record a run stopped by SIGINT/SIGTERM as CANCELLED (default: FAILED, as the original system did).")
        var recordCancelled = false

        @Option(name: .customLong("log-dir"), help: "Base folder for task logs (default: /var/log/pdm if writable, else ./logs).")
        var logDir: String?

        @Option(name: .customLong("grace-period"), help: "Seconds between SIGTERM and SIGKILL when stopping a task.")
        var gracePeriod: Double = 10

        @Option(name: .customLong("lease"), help: .hidden)
        var leaseSeconds: Double = 300

        func validate() throws {
            guard gracePeriod >= 0 else { throw ValidationError("--grace-period must not be negative") }
            guard leaseSeconds >= 3 else { throw ValidationError("--lease must be at least 3 seconds") }
        }

        func run() async throws {
            // Signals are honoured from the first instant: one that arrives while the plan loads or the run is
            // being begun stops it as soon as it is ours (recorded FAILED, or CANCELLED with --record-cancelled; exit 130/143).
            let cancellation = RunCancellation()
            let trap = SignalTrap { cancellation.cancel(signal: $0) }
            defer { withExtendedLifetime(trap) {} }
            let environment = ProcessInfo.processInfo.environment
            let plan = try pipeline.loadPlan(requireRunParameters: true).plan
            let store = try stateOptions.makeStore(environment: environment)
            let clusterID: String
            do {
                clusterID = try JobFlowInfo.clusterID(path: JobFlowInfo.path(environment: environment))
            } catch {
                Terminal.error("error: \(error)\n")
                throw ExitCode(2)
            }
            let workingDirectory = FileManager.default.currentDirectoryPath
            var options = RunOptions(
                force: force, takeover: takeover, clusterID: clusterID,
                owner: RunOwner(host: ProcessInfo.processInfo.hostName, pid: getpid()), leaseSeconds: leaseSeconds,
                gracePeriod: .milliseconds(Int64(gracePeriod * 1000)),
                logBase: logDir.map { URL(fileURLWithPath: $0) }
                    ?? LogFolder.defaultBase(workingDirectory: URL(fileURLWithPath: workingDirectory)),
                environment: environment, workingDirectory: workingDirectory)
            options.withheldEnvironment = preflightOptions.withheldEnvironment
            options.stateScope = stateOptions.scope
            options.runStateBase = stateOptions.runStateBase
            options.watchdogExecutable = Self.thisExecutable()

            options.acceptChanges = acceptChanges
            options.recordCancelled = recordCancelled
            let format = logOptions.format(environment: environment, stderrIsTTY: Terminal.stderrIsTTY)
            let logger = logOptions.makeLogger(plan: plan, version: PDMPipeline.configuration.version, format: format)
            var (reporter, live) = Self.reporter(for: plan)
            if format == .json {
                (reporter, live) = (LogReporter(logger: logger, plain: Self.plain(for: plan)), nil)
            }
            // Metrics: the actions, and the run's events into the metrics file and the pushgateway status.
            let metrics = MetricsWiring.session(
                plan: plan, clusterID: clusterID, aws: stateOptions.aws, environment: environment, logger: logger)
            var actions = ActionRegistry.builtins
            MetricsSession.register(metrics, into: &actions)
            if let metrics { reporter = metrics.reporter(wrapping: reporter) }
            // Per-task times for `report`: <log folder>/timeline.jsonl, written as the events happen.
            reporter = TimelineRecorder(wrapping: reporter, mask: SecretMask(plan: plan), now: { Date() })
            let pipeline = self.pipeline
            let runner = Runner(
                store: store, actions: actions, reporter: reporter,
                preflight: preflightOptions.hook(environment: environment, log: Self.lines(format: format, logger: logger)),
                replan: { point throws(RunError) in
                    do {
                        return try pipeline.loadPlan(requireRunParameters: true, resume: point, showWarnings: false).plan
                    } catch {
                        throw .replanFailed("see the diagnostics above")
                    }
                })
            let ticker = Task {
                while let live, (try? await Task.sleep(for: .seconds(1))) != nil { live.tick() }
            }
            let summary = await runner.run(plan, options: options, cancellation: cancellation)
            ticker.cancel()
            // Every exit path (done, failed, signal, takeover) comes through here: the export stops for good.
            await metrics?.close(summary)
            if summary.exitCode != .success { throw ExitCode(summary.exitCode.rawValue) }
        }

        /// This program, for the watchdog: `/proc/self/exe` resolved (so it is found even if replaced meanwhile).
        static func thisExecutable() -> String? {
            guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
            return FileManager.default.isExecutableFile(atPath: path) ? path : "/proc/self/exe"
        }

        /// Where the preflight's report lines go: stderr as they are, or one log record per line in JSON mode (a
        /// log shipper would drop a bare text line between JSON records).
        static func lines(format: LogOptions.Format, logger: Logger) -> @Sendable (String) -> Void {
            guard format == .json else { return { Terminal.error($0) } }
            return { text in
                for line in text.split(separator: "\n", omittingEmptySubsequences: true) { logger.info("\(line)") }
            }
        }

        /// A live display on a terminal, plain lines otherwise (EMR step logs, pipes).
        static func reporter(for plan: Plan) -> (any RunReporter, TerminalProgress?) {
            let plain = plain(for: plan)
            guard Terminal.stderrIsTTY else { return (plain, nil) }
            let live = TerminalProgress(plain: plain, now: { Date() }, write: { Terminal.error($0) })
            return (live, live)
        }

        static func plain(for plan: Plan) -> PlainReporter {
            PlainReporter(
                mask: SecretMask(plan: plan),
                log: { Terminal.error($0 + "\n") },
                output: { Terminal.print($0 + "\n") })
        }
    }
}
