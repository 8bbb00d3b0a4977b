import PipelineCheck
import PipelinePlan
import PipelineRun

/// `check`: everything `plan` validates, plus the SQL: missing files, empty globs, unbound variables, table order.
public struct CheckUseCase: Sendable {
    public enum Format: String, Sendable, CaseIterable { case text, json }

    public var inputs: PlanArguments
    /// Warnings count as errors.
    public var strict: Bool
    public var format: Format

    public init(inputs: PlanArguments, strict: Bool = false, format: Format = .text) {
        self.inputs = inputs
        self.strict = strict
        self.format = format
    }

    public func run(_ context: AppContext) async -> ExitStatus {
        await context.outcome { () throws(CommandFailure) -> ExitStatus in
            // Planner warnings join the check's diagnostics, so they are printed (and counted) once, in the chosen format.
            let result = try PlanLoading.load(
                inputs, context: context, requireRunParameters: false, showWarnings: false, deferInputErrors: true)
            var report = PipelineChecker(readFile: PipelineChecker.disk)
                .check(result.plan, plannerWarnings: result.warnings, sources: result.sources)
            if strict { report = report.strict() }
            switch format {
            case .text: context.console.print(report.text(colour: context.console.stdoutIsTTY))
            case .json: context.console.print(try JSONDocument.encode { try report.json() })
            }
            return ExitStatus(check: report)
        }
    }
}
