import PipelineMetrics
import PipelineRun

/// The built-in actions `run` registers: the runner's own, then the metrics actions. The planner gets their
/// names (`PlanRequest.implementedActions`), so `plan` and `check` refuse an action this binary would fail on.
enum RunActions {
    static func registry(metrics: MetricsSession?) -> ActionRegistry {
        var actions = ActionRegistry.builtins
        MetricsSession.register(metrics, into: &actions)
        return actions
    }

    static var names: Set<String> { Set(registry(metrics: nil).names) }
}
