import Diagnostics
import HQLAnalysis
import PipelineDSL
import PipelinePlan

/// One HQL task of the plan with its place in the run order and its analysed SQL.
struct CheckedTask {
    /// Position in the run order: tasks of one (step, wave) run in parallel; a higher order runs later.
    struct Order: Hashable, Comparable {
        var step: Int
        var wave: Int
        static func < (a: Order, b: Order) -> Bool { (a.step, a.wave) < (b.step, b.wave) }
    }

    /// Plan order, unique per task.
    var id: Int
    var order: Order
    var stepName: String
    var waveName: String
    /// Waves in the step, to say "wave 'x'" only where it means something.
    var waveCount: Int
    /// The step runs in table order: its waves are only groups, the task graph orders its tasks.
    var tableOrder = false
    var task: PlanTask
    /// The HQL file as shown in diagnostics, or the pipeline file for an inline statement.
    var file: String
    var analysis: HQLFileAnalysis
    /// The SQL as analysed, to size the marker under a table name.
    var source: String

    /// Maps a position in the HQL text to a diagnostic location. Statements are reported at the task's line in
    /// the pipeline file: the planner has already interpolated their text, so columns would not match.
    func location(_ position: TextPosition) -> SourceLocation {
        if case .hqlStatement = task.work { return task.location }
        return SourceLocation(file: file, line: position.line, column: position.column)
    }

    /// The range marked under the quoted SQL line: `length` columns at `position` (one column for an inline
    /// statement, whose marker points at the task in the pipeline file).
    func range(_ position: TextPosition, length: Int) -> SourceRange {
        if case .hqlStatement = task.work { return SourceRange(task.location) }
        return SourceRange(start: location(position), length: length)
    }

    /// The columns a table name written at `position` covers (`db.t`, `` `db`.`t` ``, `${hivevar:db}.t`).
    func nameLength(at position: TextPosition) -> Int {
        guard position.line >= 1,
              let line = source.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(position.line - 1).first
        else { return 1 }
        let name = line.dropFirst(position.column - 1).prefix { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "_.`${}:".unicodeScalars.contains(scalar)
        }
        return max(1, name.count)
    }

    /// "step 'model' wave '3'", or just the step when it has a single wave.
    var place: String {
        waveCount > 1 ? "step '\(stepName)' wave '\(waveName)'" : "step '\(stepName)'"
    }
}
