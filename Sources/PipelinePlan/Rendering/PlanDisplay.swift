import Basics
import Foundation

/// Shared by every plan format: how a value reads, with secrets masked.
public struct PlanDisplay: Sendable {
    public let plan: Plan
    private let secrets: SecretMask

    public init(_ plan: Plan) {
        self.plan = plan
        self.secrets = SecretMask(plan: plan)
    }

    public func mask(_ text: String) -> String { secrets.apply(text) }

    /// The exact argv the runner will execute, secrets masked.
    public func argv(_ task: PlanTask) -> [String] {
        EngineCommand.argv(for: task, engines: plan.engines).map(mask)
    }

    /// One line per task: the shell-quoted argv, or `action NAME k=v` for built-in actions.
    public func commandLine(_ task: PlanTask) -> String {
        if case .action(let name, let arguments) = task.work {
            return (["action", name] + arguments.map { "\($0.key)=\(mask($0.value))" }).map(ShellWords.quote).joined(separator: " ")
        }
        if task.engine == .hiveserver2, task.work.isHQL { return session(task) }
        let environment = self.environment(task).map { "\($0.name)=\($0.value)" }
        return (environment + argv(task)).map(ShellWords.quote).joined(separator: " ")
    }

    /// The native engine's task: `hiveserver2 URL user=U [set:hivevar:k=v ...] file PATH | statement SQL`, secrets
    /// masked. No password: only the file it is read from.
    public func session(_ task: PlanTask) -> String {
        let connection = plan.engines.hiveServer2
        var words = ["hiveserver2", mask(connection.url), "user=\(connection.user)"]
        if let file = connection.passwordFile { words.append("password_file=\(file)") }
        if let ca = connection.caFile { words.append("ca=\(ca)") }
        words += sessionSettings(task).map { "\($0.key)=\($0.value)" }
        switch task.work {
        case .hqlFile(let path, _): words += ["file", path]
        case .hqlStatement(let sql): words += ["statement", task.statementIsSecret ? "****" : mask(sql)]
        case .command, .action: break
        }
        return words.map(ShellWords.quote).joined(separator: " ")
    }

    /// The OpenSession settings of a native-engine task, secret values masked.
    public func sessionSettings(_ task: PlanTask) -> [(key: String, value: String)] {
        task.sessionSettings.map { ($0.key, $0.isSecret ? "****" : mask($0.value)) }
    }

    /// A command's own environment, as the task gets it: values masked, passed-through names as `<inherited>`.
    public func environment(_ task: PlanTask) -> [(name: String, value: String)] {
        task.environment.map { ($0.key, mask($0.value)) } + task.passedEnvironment.map { ($0, "<inherited>") }
    }

    public func reason(_ disposition: StepDisposition) -> String? {
        switch disposition {
        case .run: return nil
        case .skippedCondition(let why): return "condition \(why)"
        case .skippedSelection(let why): return why
        case .skippedCompleted(let run): return "completed by run \(run), resuming later"
        }
    }

    public func source(_ s: ResolvedVariable.Source) -> String {
        switch s {
        case .pipelineDefault(let at): return "default (line \(at.line))"
        case .profile(let name, let at): return "profile \(name) (line \(at.line))"
        case .environment(let name): return "environment \(name)"
        case .commandLine: return "command line"
        case .runParameter: return "run parameter"
        case .builtin: return "built-in"
        }
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return replacingOccurrences(of: target, with: replacement)
    }
}
