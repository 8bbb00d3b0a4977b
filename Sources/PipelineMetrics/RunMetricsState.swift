import Foundation
import PipelinePlan
import PipelineRun
import PipelineState

/// The runner's own metrics, folded from run events: per-step runtime and state, tasks run, failed and
/// retried, run status, Run_Id. Pure (events and times in, numbers out); `MetricsSession` holds one behind a lock.
public struct RunMetricsState: Sendable, Hashable {
    /// The original's codes for `state_step_<step>`.
    public enum StepState: Int, Sendable, Hashable {
        case completed = 0, failed = 1, running = 2, cancelled = 3, other = 4
    }

    public struct Step: Sendable, Hashable {
        public var name: String
        public var state: StepState
        public var started: Date?
        public var seconds: Double
    }

    public private(set) var steps: [Step] = []
    public private(set) var tasksRun: Int64 = 0
    public private(set) var tasksFailed: Int64 = 0
    public private(set) var tasksRetried: Int64 = 0
    public private(set) var runStatus: StepState = .other
    public private(set) var runID: Int?
    /// Metrics deliveries (S3, pushgateway) that failed for good; counted, never fatal.
    public var deliveryFailures: Int64 = 0

    public init() {}

    public mutating func apply(_ event: RunEvent, at now: Date) {
        switch event {
        case .runStarted(let plan, let runID, _, _):
            self.runID = runID
            runStatus = .running
            steps = plan.steps.map { Step(name: $0.name, state: .other, started: nil, seconds: 0) }
        case .stepStarted(let step, _, _):
            update(step.name) { $0.state = .running; $0.started = now }
        case .stepSkipped(let step, _):
            update(step.name) { $0.state = .other }
        case .stepFinished(let summary):
            update(summary.name) { s in
                s.seconds = summary.seconds
                s.started = nil
                switch summary.status {
                case .completed: s.state = .completed
                case .failed: s.state = .failed
                case .cancelled: s.state = .cancelled
                case .skipped: s.state = .other
                }
            }
        case .taskRetrying:
            tasksRetried += 1
        case .taskFinished(_, _, let result):
            switch result.status {
            case .skippedCompleted: break
            case .failed: tasksRun += 1; tasksFailed += 1
            case .succeeded, .cancelled: tasksRun += 1
            }
        case .runFinished(let summary):
            runStatus = Self.code(summary.status)
            for i in steps.indices where steps[i].state == .running { steps[i].state = .cancelled; steps[i].started = nil }
        case .waveStarted, .taskStarted, .notice:
            break
        }
    }

    public static func code(_ status: RunStatus) -> StepState {
        switch status {
        case .completed: return .completed
        case .failed: return .failed
        case .inProgress: return .running
        case .cancelled: return .cancelled
        }
    }

    /// Our gauges, named as the original's scraper knows them: `runtime_step_<step>` (minutes, a running step
    /// counts up to `now`) and `state_step_<step>`, plus `pdm_run_status` (same codes) and `pdm_run_id`.
    public func gauges(at now: Date) -> [String: Double] {
        var gauges: [String: Double] = ["pdm_run_status": Double(runStatus.rawValue)]
        if let runID { gauges["pdm_run_id"] = Double(runID) }
        for step in steps {
            let seconds = step.started.map { now.timeIntervalSince($0) } ?? step.seconds
            gauges["runtime_step_\(step.name)"] = (seconds / 60 * 1000).rounded() / 1000
            gauges["state_step_\(step.name)"] = Double(step.state.rawValue)
        }
        return gauges
    }

    public var counters: [String: Int64] {
        [
            "pdm_tasks_run": tasksRun, "pdm_tasks_failed": tasksFailed, "pdm_tasks_retried": tasksRetried,
            "pdm_metrics_delivery_failures": deliveryFailures,
        ]
    }

    private mutating func update(_ name: String, _ change: (inout Step) -> Void) {
        if let i = steps.firstIndex(where: { $0.name == name }) { change(&steps[i]) }
    }
}
