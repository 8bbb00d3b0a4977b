import Foundation
import PipelinePlan
import PipelineReport
import PipelineRun
import PipelineState

/// `plan`: what would run, executing nothing; it contacts nothing unless `resume` asks it to read the record.
public struct PlanUseCase: Sendable {
    public enum Format: String, Sendable, CaseIterable { case text, json, dot, mermaid }

    public var inputs: PlanArguments
    public var format: Format
    /// Read the run record of the correlation id and show what a rerun would skip.
    public var resume: Bool
    public var state: StateSettings
    /// With `resume`: the flags `run` would get (`--force`, `--takeover`, `--accept-changes`), so the preview is
    /// the begin `run` would make.
    public var policy: RunPolicy
    /// `run`'s log base, where the last run's timeline gives the tasks' times (critical path, priority); nil:
    /// /var/log/pdm, then ./logs.
    public var logDir: String?

    public init(
        inputs: PlanArguments, format: Format = .text, resume: Bool = false, state: StateSettings = StateSettings(), policy: RunPolicy = RunPolicy(),
        logDir: String? = nil
    ) {
        self.inputs = inputs
        self.format = format
        self.resume = resume
        self.state = state
        self.policy = policy
        self.logDir = logDir
    }

    public func run(_ context: AppContext) async -> ExitStatus {
        await context.outcome { () async throws(CommandFailure) -> ExitStatus in
            var plan = try PlanLoading.load(inputs, context: context, requireRunParameters: false, showWarnings: format == .text).plan
            if resume, let point = try await resumePoint(for: plan, context: context) {
                guard plan.step(named: point.step) != nil else {
                    throw CommandFailure(.unusableInput, "the run record resumes at step '\(point.step)', which this pipeline does not have")
                }
                plan = plan.resumed(at: point)
            }
            // The critical path in seconds: the times of the last run that left a timeline.
            let bases = logDir.map { [URL(fileURLWithPath: $0)] }
                ?? [URL(fileURLWithPath: "/var/log/pdm"), URL(fileURLWithPath: context.workingDirectory).appendingPathComponent("logs")]
            plan = plan.expecting(TaskDurations.latest(pipeline: plan.pipeline, bases: bases))
            context.console.print(try render(plan))
            return .success
        }
    }

    func render(_ plan: Plan) throws(CommandFailure) -> String {
        switch format {
        case .text: PlanTextRenderer().render(plan)
        case .json: try JSONDocument.encode { try PlanJSONRenderer.render(plan) }
        case .dot: PlanGraphRenderer.dot(plan)
        case .mermaid: PlanGraphRenderer.mermaid(plan)
        }
    }

    /// Where a rerun would start, decided as `run` decides it (`ResumePreview`); a refusal other than COMPLETED or
    /// a live lease (a drift before the resume point) is exit 3, as `run` would exit.
    private func resumePoint(for plan: Plan, context: AppContext) async throws(CommandFailure) -> ResumePoint? {
        guard let correlationID = inputs.givenCorrelationID else {
            throw CommandFailure(.unusableInput, "--resume needs --correlation-id")
        }
        let key = RunKey(correlationID: correlationID, product: plan.product)
        guard let record = try await state.readRecord(key, environment: context.environment) else {
            context.console.note("no run recorded for \(key) in the \(state.location); a run starts from the beginning")
            return nil
        }
        do throws(StateError) {
            return try ResumePreview.resumePoint(existing: record, plan: plan, policy: policy, now: context.now())
        } catch {
            switch error {
            case .alreadyCompleted:
                context.console.note("run \(record.runID) of \(key) is COMPLETED; `run` refuses it unless --force, which starts from the beginning")
            case .inProgressElsewhere:
                context.console.note("run \(record.runID) of \(key) is IN_PROGRESS (owner \(record.owner)); `run` refuses it while its lease holds")
            default:
                throw CommandFailure(.stateConflict, "\(error)")
            }
            return nil
        }
    }
}
