import HQLAnalysis
import PipelinePlan

/// Every `${...}` of a task against what the plan binds for it (and what earlier `SET`s in the file set).
enum VariableCheck {
    static func findings(for task: CheckedTask) -> [Finding] {
        let variables = task.task.hiveVariables
        let hivevarNames = Set(task.task.hivevars.map(\.key)).sorted()
        let hiveconfNames = Set(task.task.hiveconf.map(\.key)).sorted()
        var findings: [Finding] = []
        for reference in task.analysis.references {
            let location = task.location(reference.position)
            let inComment = reference.context == .comment ? " in a comment" : ""
            switch reference.namespace {
            case .plain, .hivevar:
                guard !variables.isBound(reference.namespace, reference.name),
                      !isSet(.hivevar, reference, in: task.analysis) else { continue }
                var message = "unbound hivevar '\(reference.name)'\(inComment) (step \(task.stepName) \(list("binds", hivevarNames)))"
                if let suggestion = Suggestion.closest(to: reference.name, in: hivevarNames) {
                    message += "; did you mean '\(suggestion)'?"
                }
                findings.append(Finding(
                    severity: reference.context == .comment ? .warning : .error, code: .unboundHivevar,
                    message: message, location: location))
            case .hiveconf:
                guard !variables.isBound(.hiveconf, reference.name), !isSet(.hiveconf, reference, in: task.analysis) else { continue }
                findings.append(Finding(
                    severity: reference.context == .comment ? .info : .warning, code: .unsetHiveconf,
                    message: "hiveconf '\(reference.name)'\(inComment) is not set by the plan (step \(task.stepName) \(list("sets", hiveconfNames)))",
                    location: location))
            case .env:
                findings.append(Finding(
                    severity: .info, code: .environmentReference,
                    message: "\(reference.text)\(inComment) reads environment variable '\(reference.name)' on the cluster at run time",
                    location: location))
            case .system:
                findings.append(Finding(
                    severity: .info, code: .systemReference,
                    message: "\(reference.text)\(inComment) reads Java system property '\(reference.name)' at run time",
                    location: location))
            }
        }
        return findings
    }

    /// Bound by a `SET` in an earlier statement of the same file (Hive substitutes a statement before running it).
    static func isSet(_ namespace: VariableNamespace, _ reference: VariableReference, in analysis: HQLFileAnalysis) -> Bool {
        analysis.settings.contains { $0.namespace == namespace && $0.key == reference.name && $0.statement < reference.statement }
    }

    static func list(_ verb: String, _ names: [String]) -> String {
        names.isEmpty ? "\(verb) none" : "\(verb): \(names.joined(separator: ", "))"
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
