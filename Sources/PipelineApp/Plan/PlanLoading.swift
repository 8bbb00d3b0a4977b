import PipelineDSL
import PipelinePlan
import PipelineRun

/// Plans for a command: the profile chosen the way EMR chooses it, the planner run once, its diagnostics printed
/// (warnings only when asked: they are `check`'s business). Unusable input is exit 2 with every diagnostic.
public enum PlanLoading {
    /// `deferInputErrors` (check only): missing or empty inputs come back as coded warnings instead.
    public static func load(
        _ inputs: PlanArguments, context: AppContext, requireRunParameters: Bool, showWarnings: Bool = true,
        deferInputErrors: Bool = false, inferTables: PlanRequest.TableInferenceScope = .everyStep
    ) throws(CommandFailure) -> PlanResult {
        var request = inputs.request(requireRunParameters: requireRunParameters, context: context)
        request.deferInputErrors = deferInputErrors
        request.inferTables = inferTables
        request.implementedActions = RunActions.names
        do {
            request.profile = try ProfileChoice.choose(explicit: inputs.profile, environment: context.environment).profile
        } catch {
            throw CommandFailure(.unusableInput, error.description)
        }
        let console = context.console
        do {
            let result = try Planner.plan(request)
            if showWarnings, !result.warnings.isEmpty {
                console.log(DiagnosticRenderer(sources: result.sources, colour: console.stderrIsTTY).render(result.warnings))
            }
            return result
        } catch {
            console.log(error.rendered(colour: console.stderrIsTTY))
            throw CommandFailure(.unusableInput)
        }
    }

    /// For commands that take only a file and a profile (`preflight`): no run parameters, no warnings.
    public static func load(file: String, profile: String?, context: AppContext) throws(CommandFailure) -> Plan {
        try load(PlanArguments(file: file, profile: profile), context: context, requireRunParameters: false, showWarnings: false).plan
    }
}
