/// Where the `hiveserver2` engine connects, as the plan says (the live client is `HiveServer2Connection`): the
/// `hiveserver2 { }` block, each entry it leaves out taken from the `beeline` block (so a pipeline set up for
/// beeline switches engines with `--engine hiveserver2` alone).
public struct HiveServer2Endpoint: Sendable, Hashable {
    public var url: String
    public var user: String
    /// The password is read from this file when a task connects; it is never in the plan.
    public var passwordFile: String?
    public var caFile: String?
    /// The password may be sent without TLS (`allow_plaintext_password true`); the planner refuses a
    /// password_file with a URL without `ssl=true` otherwise.
    public var allowPlaintextPassword = false
}

extension EngineSettings {
    public var hiveServer2: HiveServer2Endpoint {
        HiveServer2Endpoint(
            url: hiveServer2URL ?? jdbcURL, user: hiveServer2User ?? beelineUser,
            passwordFile: hiveServer2PasswordFile ?? beelinePasswordFile, caFile: hiveServer2CA,
            allowPlaintextPassword: hiveServer2AllowPlaintextPassword)
    }
}

extension Plan {
    /// Some HQL task runs on the native HiveServer2 client (its connection is checked, its password masked).
    public var usesNativeEngine: Bool { steps.contains(where: \.usesNativeEngine) }
}

extension PlanStep {
    var usesNativeEngine: Bool { tasks.contains { $0.engine == .hiveserver2 && $0.work.isHQL } }
}

extension TaskWork {
    /// HQL the engine runs (a file or a statement), as opposed to a command or a built-in action.
    public var isHQL: Bool {
        switch self {
        case .hqlFile, .hqlStatement: true
        case .command, .action: false
        }
    }
}

extension PlanTask {
    /// The OpenSession settings beeline would send for this task's `--hivevar`/`--hiveconf`, in a stable order.
    public var sessionSettings: [KeyValue] {
        hiveconf.map { KeyValue("set:hiveconf:\($0.key)", $0.value, isSecret: $0.isSecret) }
            + hivevars.map { KeyValue("set:hivevar:\($0.key)", $0.value, isSecret: $0.isSecret) }
    }
}
