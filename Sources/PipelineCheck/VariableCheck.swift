import Diagnostics
import HQLAnalysis
import PipelinePlan

/// Every `${...}` of a task against what the plan binds for it (and what earlier `SET`s in the file set).
enum VariableCheck {
    static func diagnostics(for task: CheckedTask) -> [Diagnostic] {
        let variables = task.task.hiveVariables
        let hivevarNames = Set(task.task.hivevars.map(\.key)).sorted()
        let hiveconfNames = Set(task.task.hiveconf.map(\.key)).sorted()
        var diagnostics: [Diagnostic] = []
        for reference in task.analysis.references {
            let range = task.range(reference.position, length: reference.text.unicodeScalars.count)
            let inComment = reference.context == .comment
            let message: CheckMessage
            switch reference.namespace {
            case .plain, .hivevar:
                guard !variables.isBound(reference.namespace, reference.name),
                      !isSet(.hivevar, reference, in: task.analysis) else { continue }
                message = .unboundHivevar(
                    reference.name, inComment: inComment, step: task.stepName, binds: hivevarNames,
                    suggestion: Suggestion.closest(to: reference.name, in: hivevarNames))
            case .hiveconf:
                guard !variables.isBound(.hiveconf, reference.name), !isSet(.hiveconf, reference, in: task.analysis) else { continue }
                message = .unsetHiveconf(reference.name, inComment: inComment, step: task.stepName, sets: hiveconfNames)
            case .env:
                message = .environmentReference(reference: reference.text, name: reference.name, inComment: inComment)
            case .system:
                message = .systemReference(reference: reference.text, name: reference.name, inComment: inComment)
            }
            diagnostics.append(Diagnostic(message, at: range))
        }
        return diagnostics
    }

    /// Bound by a `SET` in an earlier statement of the same file (Hive substitutes a statement before running it).
    static func isSet(_ namespace: VariableNamespace, _ reference: VariableReference, in analysis: HQLFileAnalysis) -> Bool {
        analysis.settings.contains { $0.namespace == namespace && $0.key == reference.name && $0.statement < reference.statement }
    }
}

/// "did you mean": the closest name within a small edit distance.
enum Suggestion {
    static func closest(to name: String, in candidates: [String]) -> String? {
        // Short names get suggestions only for a different case: any one-letter change would "match".
        let limit = name.count / 3
        let scored = candidates.map { ($0, distance(Array(name.lowercased()), Array($0.lowercased()))) }
            .filter { $0.1 <= limit && $0.0 != name }
        return scored.min { $0.1 < $1.1 }?.0
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
