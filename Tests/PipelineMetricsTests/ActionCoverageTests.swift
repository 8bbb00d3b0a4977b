import PipelineMetrics
import PipelinePlan
import PipelineRun
import Testing

/// The executable tells the planner which actions it implements by registering them as `run` does (the
/// runner's built-ins, then the metrics actions); today that is every `BuiltinAction`.
@Test func theRunnerAndMetricsTogetherImplementEveryBuiltinAction() {
    var actions = ActionRegistry.builtins
    MetricsSession.register(nil, into: &actions)
    #expect(actions.names == BuiltinAction.allCases.map(\.rawValue).sorted())
}
