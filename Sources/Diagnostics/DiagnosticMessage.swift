/// One message a stage can say. Each stage owns an enum of them (`LexerMessage`, `ParserMessage`, ...), so the
/// wording lives in one place per stage, every message has a stable id, and the call sites say which one.
public protocol DiagnosticMessage: Sendable {
    /// The text shown after `severity:`.
    var message: String { get }
    var diagnosticID: MessageID { get }
    /// The usual severity; a diagnostic may override it (an input error `check` defers is a warning).
    var severity: DiagnosticSeverity { get }
}

/// The ids a stage's message enum can produce, for documentation and tests: every code once, no duplicates.
public protocol DiagnosticDomain {
    static var domain: String { get }
    /// Every id of the domain with its usual severity, in a stable order.
    static var catalogue: [(id: String, severity: DiagnosticSeverity)] { get }
}
