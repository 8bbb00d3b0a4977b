import Diagnostics

/// A preflight check's result is a diagnostic message like every stage's: id `preflight.<check>` (the `CHECK`
/// column of the report), severity from its status. The report keeps its own table format (it is about a
/// server, not a place in a file); the id is what a tool or the state store's reason can match on.
extension PreflightResult: DiagnosticMessage {
    public var message: String { reason }

    public var diagnosticID: MessageID { id.diagnosticID }

    public var severity: DiagnosticSeverity {
        switch status {
        case .fail: .error
        case .warn: .warning
        case .pass, .skipped: .info
        }
    }
}

extension PreflightCheckID {
    public var diagnosticID: MessageID { MessageID(domain: "preflight", id: rawValue) }
}
