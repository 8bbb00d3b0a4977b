import PipelineDSL

public enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// Stable identifiers for tools reading `--format json`.
public enum FindingCode: String, Sendable, Hashable, Codable, CaseIterable {
    case missingFile = "missing-file"
    case emptyGlob = "empty-glob"
    case emptyListFile = "empty-list-file"
    case listValue = "list-value"
    case planWarning = "plan-warning"
    case stepNotChecked = "step-not-checked"
    case unboundHivevar = "unbound-hivevar"
    case unsetHiveconf = "unset-hiveconf"
    case environmentReference = "env-reference"
    case systemReference = "system-reference"
    case readBeforeWrite = "read-before-write"
    case race = "race"
    case conflictingWriters = "conflicting-writers"
}

/// One thing `check` has to say, at a place in an HQL file or the pipeline file.
public struct Finding: Sendable, Hashable, Codable, CustomStringConvertible {
    public var severity: Severity
    public var code: FindingCode
    public var message: String
    public var location: SourceLocation
    /// The other end of a table-order finding: the conflicting write.
    public var related: SourceLocation?

    public init(severity: Severity, code: FindingCode, message: String, location: SourceLocation, related: SourceLocation? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.related = related
    }

    /// `path:line:col: warning: message`, one line.
    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}
