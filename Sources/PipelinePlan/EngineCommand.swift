/// Builds the exact argv for a task. The planner prints it and the runner executes it, so both agree.
/// hivevars/hiveconf whose values hold a secret are not put on the command line (anyone can read it with `ps`):
/// they go into a script (`SET hivevar:k=v;`) that the runner writes to a private file passed with `-i`. An inline
/// statement holding a secret goes into that file too, after the SETs, and runs with `-f` instead of `-e`.
public enum EngineCommand {
    /// Where the plan shows the private file; the runner passes the real path.
    public static let initFilePlaceholder = "<private-script-file>"

    public static func argv(for task: PlanTask, engines: EngineSettings, initFile: String = initFilePlaceholder) -> [String] {
        // The native engine runs HQL inside the runner: no process, no argv (plans show the session instead).
        if task.engine == .hiveserver2, task.work.isHQL { return [] }
        switch task.work {
        case .command(let argv):
            return argv
        case .action:
            // Built-in actions run inside the runner: no process, no argv (plans show `action NAME k=v`).
            return []
        case .hqlFile(let path, _):
            return prefix(task.engine, engines) + variables(task, initFile: initFile) + ["-f", path]
        case .hqlStatement(let sql):
            if task.statementIsSecret { return prefix(task.engine, engines) + visibleVariables(task) + ["-f", initFile] }
            return prefix(task.engine, engines) + variables(task, initFile: initFile) + ["-e", sql]
        }
    }

    /// What the runner writes to the private file (mode 0600): SETs for the secret-bearing variables, then a
    /// secret statement itself; nil when the task has nothing secret.
    public static func initScript(for task: PlanTask) -> String? {
        var lines = task.hiveconf.filter(\.isSecret).map { "SET \($0.key)=\($0.value);" }
            + task.hivevars.filter(\.isSecret).map { "SET hivevar:\($0.key)=\($0.value);" }
        switch task.work {
        case .hqlFile: break
        case .hqlStatement(let sql): if task.statementIsSecret { lines.append(sql) }
        case .command, .action: return nil
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n") + "\n"
    }

    private static func prefix(_ engine: EngineKind, _ engines: EngineSettings) -> [String] {
        switch engine {
        case .hive:
            return engines.hiveCommand
        case .beeline:
            var argv = engines.beelineCommand + ["-u", engines.jdbcURL, "-n", engines.beelineUser]
            if let file = engines.beelinePasswordFile { argv += ["-w", file] }
            return argv
        case .hiveserver2:
            return []
        }
    }

    private static func variables(_ task: PlanTask, initFile: String) -> [String] {
        initScript(for: task) == nil ? visibleVariables(task) : visibleVariables(task) + ["-i", initFile]
    }

    private static func visibleVariables(_ task: PlanTask) -> [String] {
        task.hiveconf.filter { !$0.isSecret }.flatMap { ["--hiveconf", "\($0.key)=\($0.value)"] }
            + task.hivevars.filter { !$0.isSecret }.flatMap { ["--hivevar", "\($0.key)=\($0.value)"] }
    }
}
