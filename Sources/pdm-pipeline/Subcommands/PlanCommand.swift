import ArgumentParser
import Foundation
import PipelinePlan
import PipelineRun
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

        @Flag(name: .customLong("accept-changes"), help: "With --resume: show the resume even when steps before it changed.")
        var acceptChanges = false

        func validate() throws {
            if resume, pipeline.givenCorrelationID == nil { throw ValidationError("--resume needs --correlation-id") }
        }

        func run() async throws {
            var plan = try pipeline.loadPlan(requireRunParameters: false, showWarnings: format == .text).plan
            if resume, let point = try await resumePoint(for: plan) {
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

        /// Where a rerun would start, by the rule `run` applies (`BeginDecision`, with the same fingerprints):
        /// after FAILED or CANCELLED, or IN_PROGRESS with an expired lease, at CurrentStep; a drift before it is
        /// refused here as `run` would refuse it (exit 3).
        private func resumePoint(for plan: Plan) async throws -> ResumePoint? {
            guard let correlationID = pipeline.givenCorrelationID else { return nil }
            let key = RunKey(correlationID: correlationID, product: plan.product)
            guard let record = try await stateOptions.readRecord(key, environment: ProcessInfo.processInfo.environment) else {
                Terminal.error("note: no run recorded for \(key) in the \(stateOptions.location); a run starts from the beginning\n")
                return nil
            }
            let request = BeginRequest(
                key: key, date: plan.run.exportDate, clusterID: "-", s3Prefix: plan.run.s3Prefix,
                snapshotType: plan.run.snapshotType, owner: RunOwner(host: "plan", pid: 0), now: Date(),
                fingerprints: plan.fingerprints(), stepOrder: plan.steps.map(\.name), acceptChanges: acceptChanges)
            do throws(StateError) {
                return try BeginDecision.decide(existing: record, request: request).start.resumePoint
            } catch {
                switch error {
                case .alreadyCompleted:
                    Terminal.error("note: run \(record.runID) of \(key) is COMPLETED; `run` refuses it unless --force, which starts from the beginning\n")
                case .inProgressElsewhere:
                    Terminal.error("note: run \(record.runID) of \(key) is IN_PROGRESS (owner \(record.owner)); `run` refuses it while its lease holds\n")
                default:
                    Terminal.error("error: \(error)\n")
                    throw ExitCode(RunExitCode.stateConflict.rawValue)
                }
                return nil
            }
        }
    }
}
