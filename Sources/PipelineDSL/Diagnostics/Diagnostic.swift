/// One finding about a pipeline file, with where it is and optional notes ("did you mean 'hive'?").
public struct Diagnostic: Sendable, Hashable, Error, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning, note
    }

    public var severity: Severity
    public var message: String
    public var range: SourceRange
    public var notes: [String]
    /// What kind of finding this is, for tools that act on it (e.g. `check` turns `.emptyGlob` into a finding).
    public var code: Code

    /// The input codes (`missingFile` ... `invalidListValue`) are errors for `plan` and `run`; `check` asks the
    /// planner for them as warnings (`PlanRequest.deferInputErrors`) and reports them as its own findings.
    public enum Code: String, Sendable, Hashable, Codable {
        case general, missingFile, emptyGlob, missingListFile, unreadableListFile, emptyListFile, invalidListValue
    }

    public init(_ severity: Severity, _ message: String, at range: SourceRange, notes: [String] = [], code: Code = .general) {
        self.severity = severity
        self.message = message
        self.range = range
        self.notes = notes
        self.code = code
    }

    public static func error(_ message: String, at range: SourceRange, notes: [String] = []) -> Diagnostic {
        Diagnostic(.error, message, at: range, notes: notes)
    }

    public static func warning(_ message: String, at range: SourceRange, notes: [String] = [], code: Code = .general) -> Diagnostic {
        Diagnostic(.warning, message, at: range, notes: notes, code: code)
    }

    /// `path:line:col: error: message`, the form editors and CI logs understand.
    public var description: String { "\(range.start): \(severity.rawValue): \(message)" }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
