import Foundation
import HQLAnalysis
import PipelinePlan

/// The databases a plan creates: `CREATE DATABASE|SCHEMA [IF NOT EXISTS] name` in the HQL its running
/// tasks execute, after substituting the task's hivevars and hiveconfs (`${hivevar:x}`, `${hiveconf:x}`, `${x}`).
public enum PlannedDatabases {
    public static func find(
        in plan: Plan, readFile: @escaping HQLReader.ReadFile = { try String(contentsOfFile: $0, encoding: .utf8) }
    ) -> [String] {
        var found: [String] = []
        var reader = HQLReader(readFile: readFile)
        for step in plan.steps where step.disposition.willRun {
            for hql in reader.tasks(of: step) {
                // An unreadable file is `check`'s business; preflight just learns nothing from it.
                guard case .success(let source) = hql.source else { continue }
                // HQLAnalysis reads HQL as Hive does: comments, strings, `;`, then substitution per statement.
                for name in HQLFileAnalysis(source: source, variables: hql.task.hiveVariables).createdDatabases
                where !found.contains(name) {
                    found.append(name)
                }
            }
        }
        return found
    }
}
