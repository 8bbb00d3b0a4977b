import HQLAnalysis
import PipelineDSL

extension PlanBuilder {
    /// A task's `reads=`, `writes=` and `alone=` on every task it expanded to. Names are interpolated (pipeline
    /// variables and the loop's binding), then Hive's `${hivevar:...}` of each task are substituted, so a name is
    /// written once for every environment: `writes=["${views_tables_database}.${table}"]`.
    mutating func declare(_ options: TaskTableOptions, on tasks: [PlanTask], _ context: TaskContext) -> [PlanTask] {
        guard !options.isEmpty else { return tasks }
        return tasks.map { task in
            var task = task
            task.alone = options.alone
            if options.reads != nil || options.writes != nil {
                task.declared = DeclaredTables(
                    reads: names(options.reads ?? [], key: "reads", task, context),
                    writes: names(options.writes ?? [], key: "writes", task, context))
            }
            return task
        }
    }

    private mutating func names(_ literals: [StringLiteral], key: String, _ task: PlanTask, _ context: TaskContext) -> [String] {
        var out: [String] = []
        for literal in literals {
            guard let text = variables.interpolate(literal, bindings: context.bindings) else { continue }
            let substituted = SubstitutedText.substitute(HQLText(text), variables: task.hiveVariables).string
            guard let name = TableName.normalise(substituted) else {
                error(.invalidTableName(key, substituted), at: literal.range, notes: [
                    "a name is TABLE or DATABASE.TABLE, after the pipeline's variables and the task's hivevars are substituted",
                ])
                continue
            }
            if !out.contains(name) { out.append(name) }
        }
        return out
    }
}
