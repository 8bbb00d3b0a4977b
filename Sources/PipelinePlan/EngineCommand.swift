/// Builds the exact argv for a task. The planner prints it and the runner executes it, so both agree.
public enum EngineCommand {
    public static func argv(for task: PlanTask, engines: EngineSettings) -> [String] {
        switch task.work {
        case .command(let argv):
            return argv
        case .action(let name, let arguments):
            return ["<action>", name] + arguments.map { "\($0.key)=\($0.value)" }
        case .hqlFile(let path, _):
            return prefix(task.engine, engines) + variables(task) + ["-f", path]
        case .hqlStatement(let sql):
            return prefix(task.engine, engines) + variables(task) + ["-e", sql]
        }
    }

    private static func prefix(_ engine: EngineKind, _ engines: EngineSettings) -> [String] {
        switch engine {
        case .hive:
            return engines.hiveCommand
        case .beeline:
            var argv = engines.beelineCommand + ["-u", engines.jdbcURL, "-n", engines.beelineUser]
            if let file = engines.beelinePasswordFile { argv += ["-w", file] }
            return argv
        }
    }

    private static func variables(_ task: PlanTask) -> [String] {
        task.hiveconf.flatMap { ["--hiveconf", "\($0.key)=\($0.value)"] }
            + task.hivevars.flatMap { ["--hivevar", "\($0.key)=\($0.value)"] }
    }
}
