import Foundation
import HQLAnalysis

extension Plan {
    /// Every task's `tables`: its SQL read through `read` (each file once, whatever number of tasks run it) and
    /// analysed with the task's own variables, its declaration merged in. `read` returns nil for a file that
    /// cannot be read; the task is then a barrier (`plan` and `run` have already refused a missing file).
    public func inferringTables(read: (String) -> String?, steps included: (PlanStep) -> Bool = { _ in true }) -> Plan {
        var plan = self
        var texts: [String: String?] = [:]
        for s in plan.steps.indices where included(plan.steps[s]) {
            for w in plan.steps[s].waves.indices {
                for t in plan.steps[s].waves[w].tasks.indices {
                    let task = plan.steps[s].waves[w].tasks[t]
                    plan.steps[s].waves[w].tasks[t].tables = Self.tables(of: task) { path in
                        if let text = texts[path] { return text }
                        let text = read(path)
                        texts[path] = text
                        return text
                    }
                }
            }
        }
        return plan
    }

    static func tables(of task: PlanTask, read: (String) -> String?) -> TaskTables {
        switch task.work {
        case .hqlFile(let path, let relative):
            guard let text = read(path) else { return .unreadable("cannot read \(relative)", declared: task.declared) }
            let analysis = HQLFileAnalysis(source: text, variables: task.hiveVariables)
            return TaskTables(TableFootprint(analysis), file: relative, declared: task.declared)
        case .hqlStatement(let sql):
            let analysis = HQLFileAnalysis(source: sql, variables: task.hiveVariables)
            return TaskTables(TableFootprint(analysis), file: nil, declared: task.declared)
        case .command:
            return .unreadable("a command: what it reads and writes is not known", declared: task.declared)
        case .action(let name, _):
            return .unreadable("action \(name): what it reads and writes is not known", declared: task.declared)
        }
    }
}

extension PlanFileSystem {
    /// An HQL file's text for the table inference: regular files only (a FIFO would block), UTF-8.
    public func hqlText(_ path: String) -> String? {
        guard kind(path) == .file, let bytes = read(path) else { return nil }
        return String(bytes: bytes, encoding: .utf8)
    }
}
