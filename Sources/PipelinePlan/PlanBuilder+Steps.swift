import PipelineDSL

extension PlanBuilder {
    mutating func planStep(_ step: Step, index: Int, inherited: EffectiveSettings) -> PlanStep {
        let settings = inherited.adding(step.settings)
        let engine = request.engine ?? settings.engine
        let hivevarScopes = [file.scope.hivevars, profile?.scope.hivevars ?? [], step.scope.hivevars]
        let hiveconfScopes = [file.scope.hiveconf, profile?.scope.hiveconf ?? [], step.scope.hiveconf]
        var keys = TaskKeys(step: step.name)
        // Decided before the tasks are expanded: a missing input of a step that does not run is only a warning.
        let disposition = disposition(of: step)
        stepDisposition = disposition
        var waves: [PlanWave] = []
        for wave in step.waves {
            if let condition = wave.condition, ConditionEvaluator.evaluate(condition, &variables) != true { continue }
            let context = TaskContext(
                step: step.name, engine: engine,
                hivevars: hivevarScopes + [wave.scope.hivevars], hiveconf: hiveconfScopes + [wave.scope.hiveconf], bindings: [:])
            var tasks: [PlanTask] = []
            for source in wave.tasks { tasks += expand(source, context, &keys) }
            waves.append(PlanWave(index: waves.count + 1, name: wave.name ?? String(waves.count + 1), tasks: tasks))
        }
        return PlanStep(
            index: index, name: step.name, disposition: disposition,
            onFailure: settings.onFailure, always: step.always,
            parallelism: resolvedParallelism(settings), retry: settings.retry, timeoutSeconds: settings.timeoutSeconds,
            resume: step.resume?.value ?? .step, order: settings.order,
            waves: waves, location: step.range.start)
    }

    /// Selection first (what the caller asked for), then the step's own condition; resume is applied to the
    /// finished plan (`Plan.resumed(at:)`), so a skipped step keeps the reason it would have had anyway. A step
    /// left out by the selection whose condition is false is skipped by its condition: it would not run in a
    /// whole run either, so a partial run does not leave it to do (its condition is evaluated quietly: a step
    /// that is not selected raises no diagnostic).
    private mutating func disposition(of step: Step) -> StepDisposition {
        let names = file.steps.map(\.name)
        let position = names.firstIndex(of: step.name)!
        var unselected: StepDisposition?
        if !request.only.isEmpty, !request.only.contains(step.name) {
            unselected = .skippedSelection("not selected by --only")
        } else if let from = request.from, let start = names.firstIndex(of: from), position < start {
            unselected = .skippedSelection("before --from \(from)")
        }
        if let unselected {
            var scratch = variables
            if let condition = step.condition, ConditionEvaluator.evaluate(condition, &scratch) == false {
                return .skippedCondition(ConditionEvaluator.explain(condition, &scratch))
            }
            return unselected
        }
        if let condition = step.condition {
            switch ConditionEvaluator.evaluate(condition, &variables) {
            case true?: break
            case false?: return .skippedCondition(ConditionEvaluator.explain(condition, &variables))
            case nil: return .skippedCondition("invalid condition")
            }
        }
        return .run
    }
}

/// Stable, unique task keys inside a step: what the task runs, suffixed `#2`, `#3` on repeats.
struct TaskKeys {
    let step: String
    private var seen: [String: Int] = [:]

    init(step: String) {
        self.step = step
    }

    mutating func key(_ what: String) -> String {
        let base = "\(step)/\(what)"
        let n = (seen[base] ?? 0) + 1
        seen[base] = n
        return n == 1 ? base : "\(base)#\(n)"
    }
}

/// What a task inherits from where it sits: engine, variable scopes (outermost first), loop bindings.
struct TaskContext {
    var step: String
    var engine: EngineKind
    var hivevars: [[Assignment]]
    var hiveconf: [[Assignment]]
    var bindings: [String: String]
}
