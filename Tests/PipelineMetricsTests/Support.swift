import Foundation
import Logging
import PipelineDSL
import PipelinePlan
import PipelineRun
import PipelineState
import Synchronization
import TestSupport

@testable import PipelineMetrics

let here = Plans.here

func action(_ key: String, _ name: String, _ arguments: [KeyValue] = []) -> PlanTask {
    Plans.action(key, name, arguments)
}

func step(_ index: Int, _ name: String, _ tasks: [[PlanTask]], always: Bool = false, onFailure: FailurePolicy = .stop) -> PlanStep {
    Plans.step(index: index, name: name, waves: tasks, always: always, onFailure: onFailure)
}

func plan(_ steps: [PlanStep], correlationID: String = "corr-1", metrics: MetricsSettings? = nil) -> Plan {
    Plans.plan(steps, correlationID: correlationID, metrics: metrics)
}

/// The PDM shape with actions only: courtesy flush, export start, the work, the two final flushes.
/// `work` is the middle step's tasks.
func pdmShape(work: [PlanTask], metrics: MetricsSettings, correlationID: String = "corr-1") -> Plan {
    plan(
        [
            step(1, "courtesy-flush", [[action("courtesy/s3", "metrics.delete-s3"), action("courtesy/wipe", "pushgateway.wipe")]], onFailure: .ignore),
            step(2, "metrics-setup", [[action("setup/export", "metrics.export-start")]], onFailure: .ignore),
            step(3, "work", [work]),
            step(4, "flush-gateway", [[action("flush/wipe", "pushgateway.wipe")]], always: true, onFailure: .ignore),
            step(5, "flush-s3", [[action("flush/stop", "metrics.export-stop")], [action("flush/delete", "metrics.delete-s3")]], always: true, onFailure: .ignore),
        ], correlationID: correlationID, metrics: metrics)
}

/// A reporter that only keeps the events.
final class EventLog: RunReporter {
    private let events = Mutex<[RunEvent]>([])
    func report(_ event: RunEvent) { events.withLock { $0.append(event) } }
    var all: [RunEvent] { events.withLock { $0 } }
}

/// A scratch folder, removed when released.
final class Scratch: Sendable {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-metrics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var store: LocalFileStateStore { LocalFileStateStore(directory: root.appendingPathComponent("state")) }

    func options() -> RunOptions {
        RunOptions(
            policy: RunPolicy(force: true), clusterID: "j-TEST", owner: RunOwner(host: "test", pid: 1), leaseSeconds: 3600,  // no lease deadline inside a stalled test process
            gracePeriod: .seconds(1), logBase: root.appendingPathComponent("logs"),
            environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
    }
}

let quietLogger: Logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
