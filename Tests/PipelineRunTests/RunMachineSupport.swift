import Foundation
import PipelinePlan
import PipelineState
import Testing
@testable import PipelineRun

let machineNow = Date(timeIntervalSince1970: 1_800_000_000)

func ended(_ key: String, _ status: TaskResult.Status = .succeeded, attempts: Int = 1) -> TaskResult {
    TaskResult(key: key, status: status, attempts: attempts, logFile: nil, seconds: 0)
}

let exit1 = TaskResult.Status.failed("exit code 1")

extension RunMachine.Event {
    /// A task's end as the driver reports it, through the machine's own path: its last attempt's outcome (a
    /// failure that may not be retried), or a refused launch for a task stopped before its first attempt.
    static func taskFinished(step: Int, ordinal: Int, _ result: TaskResult) -> Self {
        let attempt = max(result.attempts, 1)
        switch result.status {
        case .succeeded, .skippedCompleted:
            return .attemptEnded(step: step, ordinal: ordinal, attempt: attempt, .success, log: nil)
        case .failed(let why):
            return .attemptEnded(step: step, ordinal: ordinal, attempt: attempt, .failure(why, retryable: false), log: nil)
        case .cancelled where result.attempts == 0:
            return .launchRefused(step: step, ordinal: ordinal)
        case .cancelled:
            return .attemptEnded(step: step, ordinal: ordinal, attempt: attempt, .cancelled, log: nil)
        }
    }
}

extension RunMachine {
    /// `handle` at a fixed instant.
    mutating func callAsFunction(_ event: Event) -> [Decision] { handle(event, now: machineNow) }
}

extension Array where Element == RunMachine.Decision {
    /// Ordinals launched, in order.
    var launched: [Int] { compactMap { if case .launch(_, let ordinal) = $0 { ordinal } else { nil } } }
    var checkpoints: [RunMachine.Checkpoint] { compactMap { if case .checkpoint(let c) = $0 { c } else { nil } } }
    var stops: [StopReason] { compactMap { if case .stop(let reason) = $0 { reason } else { nil } } }
    var skipped: [String] { compactMap { if case .skipStep(_, let reason) = $0 { reason } else { nil } } }
    var finished: [StepSummary] { compactMap { if case .progress(.stepFinished(let s)) = $0 { s } else { nil } } }
    var result: RunResult? { lazy.compactMap { if case .finish(let r) = $0 { r } else { nil } }.first }
}

/// Drives a machine the way `RunDriver` does, with no effect: launches join a FIFO of running tasks, writes a
/// FIFO of pending ones; each turn ends the oldest write (with `writeError`'s answer), else the oldest task (with
/// `status`'s). Records every decision and the most tasks that ever ran at once.
struct MachineRun {
    var machine: RunMachine
    var status: (String) -> TaskResult.Status = { _ in .succeeded }
    var writeError: (RunMachine.Checkpoint) -> StateError? = { _ in nil }
    /// Called before each turn; may return an event to feed first (a stop, say).
    var interrupt: (MachineRun) -> RunMachine.Event? = { _ in nil }
    private(set) var trace: [RunMachine.Decision] = []
    private(set) var running: [(step: Int, ordinal: Int)] = []
    private(set) var writes: [RunMachine.Checkpoint] = []
    private(set) var peak = 0
    private(set) var started: [String] = []

    init(_ steps: [PlanStep]) {
        machine = RunMachine(steps: steps)
    }

    mutating func feed(_ event: RunMachine.Event) {
        let decisions = machine(event)
        trace += decisions
        for decision in decisions {
            switch decision {
            case .launch(let step, let ordinal):
                running.append((step, ordinal))
                started.append(machine.task(step: step, ordinal: ordinal).key)
                peak = Swift.max(peak, running.count)
            case .checkpoint(let checkpoint):
                writes.append(checkpoint)
            default:
                break
            }
        }
    }

    mutating func run() -> RunResult {
        feed(.start)
        while trace.result == nil {
            if let event = interrupt(self) { feed(event) }
            if !writes.isEmpty {
                let write = writes.removeFirst()
                feed(.checkpointed(write, writeError(write)))
            } else if !running.isEmpty {
                let (step, ordinal) = running.removeFirst()
                let key = machine.task(step: step, ordinal: ordinal).key
                feed(.taskFinished(step: step, ordinal: ordinal, ended(key, status(key))))
            } else {
                Issue.record("the machine waits for nothing: \(trace)")
                return machine.result
            }
        }
        return trace.result!
    }
}
