import ArgumentParser
import PipelinePlan

extension PDMPipeline {
    /// `pdm-pipeline plan`: the dry run. Prints what would run, executing and contacting nothing.
    struct PlanCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan",
            abstract: "Print the plan: every step, wave and task with its exact command line. Runs nothing.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, dot, mermaid }

        @OptionGroup var pipeline: PipelineOptions

        @Option(help: "Output format: text, json, dot or mermaid.")
        var format: Format = .text

        @Option(name: .customLong("resume-step"), help: "Show the plan as a resumed run would execute it: skip steps before this one.")
        var resumeStep: String?

        func run() throws {
            let resume = resumeStep.map { ResumePoint(previousRunID: 0, step: $0) }
            let plan = try pipeline.loadPlan(requireRunParameters: false, resume: resume, showWarnings: format == .text).plan
            switch format {
            case .text: Terminal.print(PlanTextRenderer().render(plan))
            case .json: Terminal.print(PlanJSONRenderer.render(plan))
            case .dot: Terminal.print(PlanGraphRenderer.dot(plan))
            case .mermaid: Terminal.print(PlanGraphRenderer.mermaid(plan))
            }
        }
    }
}
