/// How the renderer dresses its output. Colour is a decoration chosen by the caller (ANSI on a TTY), never
/// part of the text, so tests compare plain strings and the ANSI form is tested on its own.
public protocol DiagnosticDecorator: Sendable {
    /// `file:line:col:`
    func decorateLocation(_ text: String) -> String
    /// `error:`, `warning:`, `note:`, `info:`
    func decorateSeverity(_ text: String, _ severity: DiagnosticSeverity) -> String
    /// The `^~~~` marker under the source.
    func decorateMarker(_ text: String) -> String
}

/// No decoration: what goes to files, pipes and tests.
public struct PlainDiagnosticDecorator: DiagnosticDecorator {
    public init() {}
    public func decorateLocation(_ text: String) -> String { text }
    public func decorateSeverity(_ text: String, _ severity: DiagnosticSeverity) -> String { text }
    public func decorateMarker(_ text: String) -> String { text }
}

/// Bold locations, coloured severities and a green marker, as compilers print on a terminal.
public struct ANSIDiagnosticDecorator: DiagnosticDecorator {
    public init() {}
    public func decorateLocation(_ text: String) -> String { paint(text, "1") }

    public func decorateSeverity(_ text: String, _ severity: DiagnosticSeverity) -> String {
        switch severity {
        case .error: paint(text, "1;31")
        case .warning: paint(text, "1;35")
        case .note: paint(text, "1;36")
        case .info: paint(text, "1;34")
        }
    }

    public func decorateMarker(_ text: String) -> String { paint(text, "1;32") }

    private func paint(_ text: String, _ code: String) -> String { "\u{1B}[\(code)m\(text)\u{1B}[0m" }
}

extension DiagnosticDecorator where Self == PlainDiagnosticDecorator {
    public static var plain: Self { PlainDiagnosticDecorator() }
}

extension DiagnosticDecorator where Self == ANSIDiagnosticDecorator {
    public static var ansi: Self { ANSIDiagnosticDecorator() }
}
