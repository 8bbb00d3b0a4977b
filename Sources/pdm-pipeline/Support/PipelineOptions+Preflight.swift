import ArgumentParser
import PipelinePlan

extension PipelineOptions {
    /// Plans `file` for commands that take only a file and a profile (`preflight`); exits 2 on unusable input.
    /// Planner warnings (missing SQL files ...) are `check`'s business, so they are not shown.
    static func plan(file: String, profile: String?) throws -> Plan {
        // Parsed, not assigned: ArgumentParser's wrappers only hold values they decoded.
        let options = try PipelineOptions.parse([file] + (profile.map { ["--profile", $0] } ?? []))
        return try options.loadPlan(requireRunParameters: false, showWarnings: false).plan
    }
}
