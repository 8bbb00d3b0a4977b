import Diagnostics
import Foundation

/// The outcome of `check`: diagnostics plus what was looked at, rendered as text (by the one
/// `DiagnosticRenderer`, quoting the SQL and pipeline lines) or JSON.
public struct CheckReport: Sendable, Hashable {
    public var diagnostics: [Diagnostic]
    public var tasksChecked: Int
    public var filesChecked: Int
    /// The text of every file a diagnostic may point into (the pipeline file, list files, the HQL files read),
    /// for quoting the source line under each diagnostic.
    public var sources: [String: String]

    public init(diagnostics: [Diagnostic], tasksChecked: Int, filesChecked: Int, sources: [String: String] = [:]) {
        self.diagnostics = diagnostics
        self.tasksChecked = tasksChecked
        self.filesChecked = filesChecked
        self.sources = sources
    }

    public func count(_ severity: DiagnosticSeverity) -> Int { diagnostics.count(severity) }

    /// `--strict`: every warning becomes an error.
    public func strict() -> CheckReport {
        var report = self
        report.diagnostics = diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            if diagnostic.severity == .warning { diagnostic.severity = .error }
            return diagnostic
        }
        return report
    }

    /// 0 clean, 1 when there are errors (apply `strict()` first for `--strict`).
    public var exitCode: Int32 { count(.error) > 0 ? 1 : 0 }

    public var summary: String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(plural(count(.error), "error")), \(plural(count(.warning), "warning")), \(count(.info)) info"
            + " (\(plural(tasksChecked, "HQL task")), \(plural(filesChecked, "file")))"
    }

    /// Every diagnostic as the compiler-style block (location, message and id, source line, marker, notes),
    /// then the summary line. ANSI colour only when the caller says the output is a terminal.
    public func text(colour: Bool = false) -> String {
        DiagnosticRenderer(sources: sources, colour: colour).render(diagnostics) + summary + "\n"
    }

    /// `--format json`: `{"findings": [...], "summary": {...}}`, each finding with its `id`; keys sorted so
    /// output diffs cleanly.
    public func json() throws -> String {
        struct Summary: Encodable {
            var errors, warnings, info, tasks, files: Int
        }
        struct Document: Encodable {
            var findings: [Diagnostic]
            var summary: Summary
        }
        let document = Document(
            findings: diagnostics,
            summary: Summary(errors: count(.error), warnings: count(.warning), info: count(.info), tasks: tasksChecked, files: filesChecked))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }
}
