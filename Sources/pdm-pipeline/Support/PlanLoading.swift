import ArgumentParser
import PipelineDSL
import PipelinePlan

extension PipelineOptions {
    /// Plans, printing warnings to stderr. Unusable input prints every diagnostic and exits 2: nothing runs.
    func loadPlan(requireRunParameters: Bool, resume: ResumePoint? = nil, showWarnings: Bool = true) throws -> PlanResult {
        do {
            let result = try Planner.plan(request(requireRunParameters: requireRunParameters, resume: resume))
            if showWarnings, !result.warnings.isEmpty {
                Terminal.error(DiagnosticRenderer(sources: result.sources, colour: Terminal.stderrIsTTY).render(result.warnings))
            }
            return result
        } catch {
            Terminal.error(error.rendered(colour: Terminal.stderrIsTTY))
            throw ExitCode(2)
        }
    }
}
