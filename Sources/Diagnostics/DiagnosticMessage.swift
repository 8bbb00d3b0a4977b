/// One message a stage can say. Each stage owns an enum of them (`LexerMessage`, `ParserMessage`, ...), so the
/// wording lives in one place per stage, every message has a stable id, and the call sites say which one.
public protocol DiagnosticMessage: Sendable {
    /// The text shown after `severity:`.
    var message: String { get }
    var diagnosticID: MessageID { get }
    /// The usual severity; a diagnostic may override it (an input error `check` defers is a warning).
    var severity: DiagnosticSeverity { get }
}

/// A stage's ids: a `Code` enum whose raw values are the ids, so the catalogue (for documentation and tests) is
/// derived from the same cases the messages map to, never a second hand-kept list.
public protocol DiagnosticDomain {
    associatedtype Code: RawRepresentable, CaseIterable where Code.RawValue == String
    static var domain: String { get }
    var code: Code { get }
    /// The severity a code's diagnostics usually have (`error` unless the domain says otherwise).
    static func usualSeverity(_ code: Code) -> DiagnosticSeverity
}

extension DiagnosticDomain {
    public static func usualSeverity(_ code: Code) -> DiagnosticSeverity { .error }

    /// Every id of the domain with its usual severity, in declaration order.
    public static var catalogue: [(id: String, severity: DiagnosticSeverity)] {
        Code.allCases.map { ($0.rawValue, usualSeverity($0)) }
    }

    /// The code's usual severity; a message whose severity depends on its values says so itself.
    public var severity: DiagnosticSeverity { Self.usualSeverity(code) }

    /// `domain.code`, e.g. `plan.empty-glob`.
    public var diagnosticID: MessageID { MessageID(domain: Self.domain, id: code.rawValue) }

    /// Whether `id` is one of `codes` of this domain.
    public static func id(_ id: MessageID, isOneOf codes: Set<Code>) -> Bool where Code: Hashable {
        id.domain == domain && Code(rawValue: id.id).map(codes.contains) == true
    }
}
