import Foundation
import PipelineDSL
import PipelinePlan
import PipelineState
import Synchronization
import TestSupport
@testable import PipelineRun

let stubEngine = LiveServer.repositoryRoot.appendingPathComponent("Tests/Fixtures/bin/stub-engine").path
let here = Plans.here

/// A statement task for the stub engine; `sql` carries `-- stub:` directives.
func task(_ key: String, _ sql: String = "select 1") -> PlanTask {
    Plans.statement(key, "-- \(key)\n" + sql, hivevars: [KeyValue("k", "v")])
}

/// `index` from 0 here; plans number steps and waves from 1, as the planner does.
func step(
    _ index: Int, _ name: String, waves: [[PlanTask]], parallelism: Int = 4, attempts: Int = 1, delay: Double = 0,
    backoff: RetryPolicy.Backoff = .fixed, timeout: Double? = nil, always: Bool = false,
    onFailure: FailurePolicy = .stop, resume: ResumeGranularity = .step, disposition: StepDisposition = .run
) -> PlanStep {
    Plans.step(
        index: index + 1, name: name, waves: waves, parallelism: parallelism,
        retry: RetryPolicy(attempts: attempts, delaySeconds: delay, backoff: backoff), timeout: timeout, always: always,
        onFailure: onFailure, resume: resume, disposition: disposition)
}

func plan(_ steps: [PlanStep], correlationID: String = "corr-1", secrets: [String] = []) -> Plan {
    Plans.plan(
        steps, correlationID: correlationID,
        variables: secrets.map { ResolvedVariable(name: "pw", value: $0, source: .commandLine, isSecret: true) },
        engines: EngineSettings(hiveCommand: [stubEngine]))
}

/// Collects events; the plain lines are kept for exact assertions.
final class Recorder: RunReporter {
    private let events = Mutex<[String]>([])
    let plain = PlainReporter(mask: SecretMask(plan: plan([])), tailLines: 2, log: { _ in }, output: { _ in })
    /// Called with each finished task's key, e.g. to let a stub waiting on a file go on only once the runner has
    /// seen a failure (ordering by cause, not by sleeping).
    let onTaskFinished: @Sendable (String) -> Void

    init(onTaskFinished: @escaping @Sendable (String) -> Void = { _ in }) {
        self.onTaskFinished = onTaskFinished
    }

    func report(_ event: RunEvent) {
        if case .taskFinished(_, let task, _) = event { onTaskFinished(task.key) }
        let line: String?
        switch event {
        case .taskStarted(_, let task, let attempt): line = "start \(task.key) #\(attempt)"
        case .runFinished(let summary): line = summary.text
        default: line = plain.line(for: event)
        }
        if let line { events.withLock { $0.append(line) } }
    }

    var lines: [String] { events.withLock { $0 } }
}

/// A scratch folder with the stub's record file, a state folder and a log folder; removed when released.
final class Sandbox: Sendable {
    let root: URL
    var record: URL { root.appendingPathComponent("record.txt") }
    var pids: URL { root.appendingPathComponent("pids.txt") }
    var state: URL { root.appendingPathComponent("state") }
    var logs: URL { root.appendingPathComponent("logs") }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var store: LocalFileStateStore { LocalFileStateStore(directory: state) }

    /// A lease of an hour: the tests share one process (and its thread pool) with tests that block a thread
    /// for a minute, so a runner starved that long would rightly fence itself off. Fencing tests set their own.
    func options(environment extra: [String: String] = [:], force: Bool = false, grace: Duration = .seconds(1)) -> RunOptions {
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                           "STUB_RECORD": record.path, "STUB_PIDS": pids.path]
        environment.merge(extra) { $1 }
        return RunOptions(
            policy: RunPolicy(force: force), clusterID: "j-TEST", owner: RunOwner(host: "test", pid: 1), leaseSeconds: 3600,
            gracePeriod: grace, logBase: logs, environment: environment)
    }

    /// Stub events in order: (time, "start"/"end", task key).
    func events() throws -> [(time: Double, kind: String, task: String)] {
        guard FileManager.default.fileExists(atPath: record.path) else { return [] }
        return try String(contentsOf: record, encoding: .utf8).split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 4, let time = Double(parts[0]), parts[1] == "start" || parts[1] == "end" else { return nil }
            return (time, String(parts[1]), String(parts[2]))
        }
    }

    func started() throws -> [String] { try events().filter { $0.kind == "start" }.map(\.task) }

    func recordedPIDs() throws -> [pid_t] { try Processes.recorded(in: pids) }

    struct ScheduledRun {
        let driver: RunDriver
        let recorder: StateRecorder
        let supervision: RunSupervision
    }

    /// A run core wired as `Runner.work` wires one (begun record, recorder, fence, supervision, executor on the
    /// stub engine), for tests that drive the scheduler under a reporter of their own. Call `finish()` when done.
    func scheduler(
        _ p: Plan, reporter: any RunReporter, cancellation: RunCancellation, launcher: any TaskLauncher = SubprocessLauncher(),
        clock: RunClock = .system, trace: (@Sendable ([RunMachine.Decision]) -> Void)? = nil
    ) async throws -> ScheduledRun {
        let options = options()
        let begun = try await store.begin(
            BeginRequest(plan: p, clusterID: "j-TEST", owner: options.owner, now: clock.now(), leaseDuration: 3600))
        let recorder = StateRecorder(store: store, handle: begun.handle, clock: clock)
        let fence = RunFence(
            recorder: recorder, leaseSeconds: 3600, gracePeriod: .seconds(1), begunAt: clock.now(), cancellation: cancellation,
            reporter: reporter)
        let supervision = try await RunSupervision.start(p, options: options)
        let executor = TaskExecutor(
            plan: p, launcher: launcher, actions: .builtins, clock: clock, environment: options.environment,
            workingDirectory: nil, logs: LogFolder(root: root.appendingPathComponent("logs")),
            gracePeriod: .seconds(1), reporter: reporter, mask: SecretMask(plan: p), runID: begun.record.runID,
            supervision: supervision)
        let driver = RunDriver(
            plan: p, executor: executor, state: recorder, fence: fence, reporter: reporter, clock: clock, trace: trace)
        return ScheduledRun(driver: driver, recorder: recorder, supervision: supervision)
    }
}


/// Instant sleeps (recorded), fixed randomness, the real clock for durations.
final class FakeSleeps: Sendable {
    private let slept = Mutex<[Duration]>([])
    var durations: [Duration] { slept.withLock { $0 } }

    func clock(random: Double = 0.5) -> RunClock {
        RunClock(now: { Date() }, sleep: { [self] duration in slept.withLock { $0.append(duration) } }, random: { random })
    }
}

func runner(_ sandbox: Sandbox, reporter: Recorder, clock: RunClock = .system, actions: ActionRegistry = .builtins) -> Runner {
    Runner(store: sandbox.store, launcher: SubprocessLauncher(), actions: actions, clock: clock, reporter: reporter)
}

