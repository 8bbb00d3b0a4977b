import ArgumentParser
import Foundation
import PipelineCheck
import PipelinePlan

extension PDMPipeline {
    /// `pdm-pipeline check`: everything `plan` validates, plus the SQL: missing files, empty globs, unbound
    /// variables, and table order (reads before writes, races, two writers in one wave). Runs nothing.
    struct CheckCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check the plan and its HQL: missing files, unbound variables, table read/write order. Runs nothing.",
            discussion: "Exit status: 0 clean, 1 findings (errors, or warnings with --strict), 2 unusable input.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        @OptionGroup var pipeline: PipelineOptions

        @Flag(help: "Treat warnings as errors.")
        var strict = false

        @Option(help: "Output format: text or json.")
        var format: Format = .text

        func run() throws {
            // Planner warnings join the check's diagnostics, so they are printed (and counted) once, in the chosen format.
            let result = try pipeline.loadPlan(requireRunParameters: false, showWarnings: false, deferInputErrors: true)
            var report = PipelineChecker(readFile: PipelineChecker.disk)
                .check(result.plan, plannerWarnings: result.warnings, sources: result.sources)
            if strict { report = report.strict() }
            switch format {
            case .text: Terminal.print(report.text(colour: Terminal.stdoutIsTTY && ProcessInfo.processInfo.environment["NO_COLOR"] == nil))
            case .json: Terminal.print(try report.json())
            }
            if report.exitCode != 0 { throw ExitCode(report.exitCode) }
        }
    }
}
