import Foundation

/// The outcome of `check`: findings plus what was looked at, rendered as text or JSON.
public struct CheckReport: Sendable, Hashable, Codable {
    public var findings: [Finding]
    public var tasksChecked: Int
    public var filesChecked: Int

    public init(findings: [Finding], tasksChecked: Int, filesChecked: Int) {
        self.findings = findings
        self.tasksChecked = tasksChecked
        self.filesChecked = filesChecked
    }

    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }

    /// `--strict`: every warning becomes an error.
    public func strict() -> CheckReport {
        var report = self
        report.findings = findings.map { finding in
            var finding = finding
            if finding.severity == .warning { finding.severity = .error }
            return finding
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

    /// One finding per line, then the summary line.
    public var text: String {
        (findings.map(\.description) + [summary]).joined(separator: "\n") + "\n"
    }

    /// `--format json`: `{"findings": [...], "summary": {...}}`, keys sorted so output diffs cleanly.
    public func json() throws -> String {
        struct Summary: Encodable {
            var errors, warnings, info, tasks, files: Int
        }
        struct Document: Encodable {
            var findings: [Finding]
            var summary: Summary
        }
        let document = Document(
            findings: findings,
            summary: Summary(errors: count(.error), warnings: count(.warning), info: count(.info), tasks: tasksChecked, files: filesChecked))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }
}
