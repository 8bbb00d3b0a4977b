/// One thing a stage has to say about an input, with where it is and optional notes ("did you mean 'hive'?").
/// It keeps the message's text and id rather than the message value, so diagnostics from every stage can be
/// compared, de-duplicated, sorted and encoded alike.
public struct Diagnostic: Sendable, Hashable, Error, CustomStringConvertible {
    public var id: MessageID
    public var severity: DiagnosticSeverity
    public var message: String
    public var range: SourceRange
    public var notes: [String]
    /// The other end of a finding about two places (the conflicting write of a table), if any.
    public var related: SourceLocation?
    /// False when the line itself holds what must not be shown (a password written into the file): the renderer
    /// then gives only the location, never the line.
    public var quotesSource: Bool

    public init(
        _ message: some DiagnosticMessage, at range: SourceRange, notes: [String] = [], related: SourceLocation? = nil,
        severity: DiagnosticSeverity? = nil, quotesSource: Bool = true
    ) {
        self.quotesSource = quotesSource
        self.id = message.diagnosticID
        self.severity = severity ?? message.severity
        self.message = message.message
        self.range = range
        self.notes = notes
        self.related = related
    }

    public var location: SourceLocation { range.start }

    /// `path:line:col: error: message [id]`, the one-line form editors and CI logs understand.
    public var description: String { "\(range.start): \(severity.rawValue): \(message) [\(id)]" }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    public func count(_ severity: DiagnosticSeverity) -> Int { filter { $0.severity == severity }.count }
}
