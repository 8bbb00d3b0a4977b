import ArgumentParser
import Foundation
import PipelinePlan
import PipelineState

extension PDMPipeline {
    /// `pdm-pipeline plan`: the dry run. Prints what would run, executing nothing; it contacts nothing
    /// unless `--resume` asks it to read the run record.
    struct PlanCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan",
            abstract: "Print the plan: every step, wave and task with its exact command line. Runs nothing.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, dot, mermaid }

        @OptionGroup var pipeline: PipelineOptions

        @Option(help: "Output format: text, json, dot or mermaid.")
        var format: Format = .text

        @Flag(help: "Read the run record of --correlation-id from the state store and show what a rerun would skip.")
        var resume = false

        @OptionGroup var stateOptions: StateOptions

        func validate() throws {
            if resume, pipeline.correlationID == nil { throw ValidationError("--resume needs --correlation-id") }
        }

        func run() async throws {
            var plan = try pipeline.loadPlan(requireRunParameters: false, showWarnings: format == .text).plan
            if resume, let point = try await resumePoint(product: plan.product) {
                guard plan.step(named: point.step) != nil else {
                    Terminal.error("error: the run record resumes at step '\(point.step)', which this pipeline does not have\n")
                    throw ExitCode(2)
                }
                plan = plan.resumed(at: point)
            }
            switch format {
            case .text: Terminal.print(PlanTextRenderer().render(plan))
            case .json: Terminal.print(PlanJSONRenderer.render(plan))
            case .dot: Terminal.print(PlanGraphRenderer.dot(plan))
            case .mermaid: Terminal.print(PlanGraphRenderer.mermaid(plan))
            }
        }

        /// Where a rerun would start, by the same rule `run` applies: after FAILED or CANCELLED, at CurrentStep.
        private func resumePoint(product: String) async throws -> ResumePoint? {
            let key = RunKey(correlationID: pipeline.correlationID!, product: product)
            guard let record = try await stateOptions.readRecord(key, environment: ProcessInfo.processInfo.environment) else {
                Terminal.error("note: no run recorded for \(key) in the \(stateOptions.location); a run starts from the beginning\n")
                return nil
            }
            switch record.status {
            case .failed, .cancelled:
                guard let step = record.currentStep else { return nil }
                return ResumePoint(previousRunID: record.runID, step: step, completedTasks: Set(record.completedTasks))
            case .completed:
                Terminal.error("note: run \(record.runID) of \(key) is COMPLETED; `run` refuses it unless --force, which starts from the beginning\n")
            case .inProgress:
                Terminal.error("note: run \(record.runID) of \(key) is IN_PROGRESS (owner \(record.owner)); `run` refuses it while its lease holds\n")
            }
            return nil
        }
    }
}
