import Foundation
import PipelinePlan

/// The databases a plan creates: `CREATE DATABASE|SCHEMA [IF NOT EXISTS] name` in the HQL its running
/// tasks execute, after substituting the task's hivevars and hiveconfs (`${hivevar:x}`, `${hiveconf:x}`, `${x}`).
public enum PlannedDatabases {
    public static func find(
        in plan: Plan, readFile: (String) throws -> String = { try String(contentsOfFile: $0, encoding: .utf8) }
    ) -> [String] {
        var found: [String] = []
        for step in plan.steps where step.disposition.willRun {
            for task in step.tasks {
                let source: String
                switch task.work {
                case .hqlFile(let path, _):
                    // An unreadable file is `check`'s business; preflight just learns nothing from it.
                    guard let text = try? readFile(path) else { continue }
                    source = text
                case .hqlStatement(let statement): source = statement
                case .command, .action: continue
                }
                for name in databases(in: substitute(source, task: task)) where !found.contains(name) {
                    found.append(name)
                }
            }
        }
        return found
    }

    static func substitute(_ text: String, task: PlanTask) -> String {
        var values: [String: String] = [:]
        for pair in task.hiveconf { values[pair.key] = pair.value; values["hiveconf:" + pair.key] = pair.value }
        // hivevars win for a bare `${x}`, as in Hive.
        for pair in task.hivevars { values[pair.key] = pair.value; values["hivevar:" + pair.key] = pair.value }
        var result = text
        for (key, value) in values.sorted(by: { $0.key.count > $1.key.count }) {
            result = result.replacingOccurrences(of: "${\(key)}", with: value)
        }
        return result
    }

    private static let createDatabase = try! NSRegularExpression(
        pattern: #"\bcreate\s+(?:database|schema)\s+(?:if\s+not\s+exists\s+)?`?([A-Za-z0-9_]+)`?"#,
        options: [.caseInsensitive])

    /// Names in Hive's lower case; `--` comments are ignored.
    static func databases(in hql: String) -> [String] {
        let text = hql.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.range(of: "--").map { String(line[..<$0.lowerBound]) } ?? String(line)
        }.joined(separator: "\n")
        let range = NSRange(text.startIndex..., in: text)
        return createDatabase.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { text[$0].lowercased() }
        }
    }
}
