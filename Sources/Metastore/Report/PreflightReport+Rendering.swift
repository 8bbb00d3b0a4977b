import Basics
import Foundation

extension PreflightReport {
    /// A table for a terminal: fixed columns, reasons on one line, remedies on the next with `→`.
    public func renderText() -> String {
        var lines: [String] = []
        var heading = "Metastore preflight: \(target ?? "(settings unusable)")"
        if let serverVersion { heading += ", server \(serverVersion)" }
        if let tlsCipher { heading += ", TLS \(tlsCipher)" }
        lines.append(heading)
        if let passwordSource { lines.append("Password from \(passwordSource)") }
        lines.append("")
        let idWidth = max(5, checks.map(\.id.rawValue.count).max() ?? 0)
        let pad = Columns.pad
        lines.append("\(pad("#", 3)) \(pad("CHECK", idWidth))  \(pad("RESULT", 6))  REASON")
        for check in checks {
            lines.append(
                "\(pad(check.id.number, 3)) \(pad(check.id.rawValue, idWidth))  \(pad(check.status.rawValue, 6))  \(check.reason)")
            if let remedy = check.remedy, check.status == .fail || check.status == .warn {
                lines.append(String(repeating: " ", count: 3 + 1 + idWidth + 2 + 6 + 2) + "→ \(remedy)")
            }
        }
        lines.append("")
        lines.append("Result: \(summary)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `PASSED (1 warning)`, `FAILED (2 checks failed)`, `CANNOT CONNECT`, `UNUSABLE INPUT`.
    public var summary: String {
        let failures = checks.filter { $0.status == .fail }.count
        let warnings = checks.filter { $0.status == .warn }.count
        func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
        switch outcome {
        case .passed: return warnings == 0 ? "PASSED" : "PASSED (\(count(warnings, "warning")))"
        case .failed:
            var detail = "\(count(failures, "check")) failed"
            if warnings > 0 { detail += ", \(count(warnings, "warning"))" }
            return "FAILED (\(detail))"
        case .cannotConnect: return "CANNOT CONNECT"
        case .unusableInput: return "UNUSABLE INPUT"
        case .cancelled: return "CANCELLED"
        }
    }

    /// Stable JSON (sorted keys) for scripts.
    public func renderJSON() throws -> String {
        try JSONOutput.string(self) + "\n"
    }
}
