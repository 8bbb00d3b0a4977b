import Foundation
import PipelinePlan
import PipelineState

extension Runner {
    /// The final write: always attempted, with the store's whole retry budget (a blip must not leave the run
    /// IN_PROGRESS); when it fails, a run that had succeeded or failed in a step becomes exit 5 (`RunSummary`).
    /// A run that succeeded but left steps of the pipeline undone (`RunCoverage`) is recorded FAILED at the first
    /// of them. What it wrote (or why not) goes into the result.
    func record(
        into result: inout RunResult, plan: Plan, begun: BeginOutcome, current: StepFingerprints?, options: RunOptions,
        recorder: StateRecorder
    ) async {
        let end = result.ending
        do throws(StateError) {
            var step = end.status == .completed ? Self.lastWorkStep(plan, result.steps) : nil
            var recorded = end.recorded(keepingCancelled: options.policy.recordCancelled)
            if end.status == .completed {
                let executed = begun.resumePoint.map { plan.resumed(at: $0) } ?? plan
                let left = RunCoverage.unfinished(
                    plan: plan, executed: executed, ran: result.steps, carried: begun.record.fingerprints, current: current)
                if let first = left.first {
                    recorded = (.failed, RunCoverage.reason(left, selection: plan.selection))
                    step = first
                    result.unfinishedSteps = left
                }
            }
            result.recordedStatus = recorded.status
            try await recorder.finish(recorded.status, reason: recorded.reason, currentStep: step)
        } catch {
            result.finalWriteError = error
            reporter.report(.notice("state store: \(error)"))
        }
    }

    /// The last step of the work that completed in this run: trailing `always` steps (the flushes) are
    /// bookkeeping, and a completed record names the work's last step (the original's `create-views-tables`).
    /// Nil when no such step ran (the record keeps what it has).
    static func lastWorkStep(_ plan: Plan, _ steps: [StepSummary]) -> String? {
        let always = Set(plan.steps.filter(\.always).map(\.name))
        return steps.last { summary in
            guard !always.contains(summary.name) else { return false }
            if case .completed = summary.status { return true }
            if case .failed(_, ignored: true) = summary.status { return true }
            return false
        }?.name
    }
}
