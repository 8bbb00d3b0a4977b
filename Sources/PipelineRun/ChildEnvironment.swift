import PipelinePlan

/// The environment a task's process gets. Children get the runner's environment minus everything that carries a
/// secret, plus the `PDM_*` task variables, plus what the task itself asks for (`command ... env=[...]`):
///
/// - never: `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `AWS_SECURITY_TOKEN`, `PDM_METASTORE_PASSWORD`;
/// - never: the variables the plan read a `secret` from (`secret pw = env("PW")`), the metastore's `password_env`,
///   and the names in `RunOptions.withheldEnvironment` (`--metastore-password-env`);
/// - never: a variable whose value is a secret's value or a withheld variable's value (a copy of the metastore
///   password under another name), or contains one of 4 characters or more;
/// - only when asked: `env=["NAME"]` passes the runner's value of NAME through, `env=["NAME=${pw}"]` sets it.
public struct ChildEnvironment: Sendable, Hashable {
    public static let alwaysWithheld: Set<String> = [
        "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "PDM_METASTORE_PASSWORD",
    ]

    /// The runner's own environment, for `env=["NAME"]`.
    public let runner: [String: String]
    /// What every child starts from.
    public let base: [String: String]
    /// Values of the variables withheld by name (AWS keys, the metastore password...): masked in task output
    /// like secrets, in case a task asks for one and prints it. Values under 4 characters are not masked.
    public let withheldValues: [String]

    public init(runner: [String: String], plan: Plan, withholding extra: Set<String> = []) {
        self.runner = runner
        var withheld = Self.alwaysWithheld.union(extra)
        for variable in plan.variables where variable.isSecret {
            if case .environment(let name) = variable.source { withheld.insert(name) }
        }
        if let name = plan.metastore?.passwordEnvironment { withheld.insert(name) }
        withheldValues = runner.filter { withheld.contains($0.key) && $0.value.utf8.count >= 4 }.map(\.value).sorted()
        // By value as well as by name: a copy of a withheld value under another name is as secret as the original.
        let secrets = SecretMask(plan: plan).secrets + withheldValues
        base = runner.filter { name, value in
            !withheld.contains(name) && !secrets.contains { value == $0 || ($0.utf8.count >= 4 && value.contains($0)) }
        }
    }

    /// The environment for one task: the base, the task's own entries, then the `PDM_*` variables.
    public func environment(for task: PlanTask, adding runVariables: [String: String]) -> [String: String] {
        var environment = base
        for name in task.passedEnvironment { environment[name] = runner[name] }
        for entry in task.environment { environment[entry.key] = entry.value }
        environment.merge(runVariables) { $1 }
        return environment
    }
}
