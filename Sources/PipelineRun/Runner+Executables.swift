import PipelinePlan

extension Runner {
    /// Every executable the runnable steps need, found before anything starts.
    static func checkExecutables(_ plan: Plan, environment: [String: String]) throws(RunError) {
        var checked: Set<String> = []
        for step in plan.steps where step.disposition.willRun {
            for task in step.tasks {
                let (name, hint): (String?, String)
                switch (task.work, task.engine) {
                case (.action, _): continue
                case (.command(let argv), _):
                    (name, hint) = (argv.first, "check the command at \(task.location)")
                case (_, .hive):
                    (name, hint) = (plan.engines.hiveCommand.first, "use --hive-command PATH or `hive { command ... }`")
                case (_, .beeline):
                    (name, hint) = (plan.engines.beelineCommand.first, "use --beeline-command PATH or `beeline { command ... }`")
                case (_, .hiveserver2):
                    continue  // no executable: the client is in the runner
                }
                guard let name, !checked.contains(name) else { continue }
                guard ExecutableLookup.resolve(name, environment: environment) != nil else {
                    throw .executableNotFound(name, usedBy: "step '\(step.name)'", hint: hint)
                }
                checked.insert(name)
            }
        }
    }
}
