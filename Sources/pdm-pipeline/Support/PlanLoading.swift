import ArgumentParser
import PipelineDSL
import PipelineMetrics
import PipelinePlan
import PipelineRun

extension PipelineOptions {
    /// Plans, printing warnings to stderr. Unusable input prints every diagnostic and exits 2: nothing runs.
    /// `deferInputErrors` (check only): missing or empty inputs come back as coded warnings instead.
    /// On an EMR node without an environment it prints one line and exits 2 (see ProfileChoice).
    func loadPlan(requireRunParameters: Bool, resume: ResumePoint? = nil, showWarnings: Bool = true, deferInputErrors: Bool = false) throws -> PlanResult {
        var request = request(requireRunParameters: requireRunParameters, resume: resume)
        request.deferInputErrors = deferInputErrors
        request.implementedActions = Self.implementedActions
        do {
            request.profile = try ProfileChoice.choose(explicit: profile, environment: request.environment).profile
        } catch {
            Terminal.error("\(error)\n")
            throw ExitCode(2)
        }
        do {
            let result = try Planner.plan(request)
            if showWarnings, !result.warnings.isEmpty {
                Terminal.error(DiagnosticRenderer(sources: result.sources, colour: Terminal.stderrIsTTY).render(result.warnings))
            }
            return result
        } catch {
            Terminal.error(error.rendered(colour: Terminal.stderrIsTTY))
            throw ExitCode(2)
        }
    }

    /// The actions `run` registers (Run.swift: the runner's built-ins, then the metrics actions), so the
    /// planner refuses an action this binary would fail on.
    static var implementedActions: Set<String> {
        var actions = ActionRegistry.builtins
        MetricsSession.register(nil, into: &actions)
        return Set(actions.names)
    }
}
