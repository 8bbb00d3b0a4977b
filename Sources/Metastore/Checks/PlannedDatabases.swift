import Foundation
import HQLAnalysis
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
                // HQLAnalysis reads HQL as Hive does: comments, strings, `;`, then substitution per statement.
                let variables = HiveVariables(
                    hivevars: Dictionary(task.hivevars.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 }),
                    hiveconf: Dictionary(task.hiveconf.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 }))
                for name in HQLFileAnalysis(source: source, variables: variables).createdDatabases where !found.contains(name) {
                    found.append(name)
                }
            }
        }
        return found
    }
}
