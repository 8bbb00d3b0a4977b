/// The one renderer for every stage's diagnostics, the way compilers print them:
///
///     file:line:col: error: message [domain.id]
///     the source line
///         ^~~~
///     note: ...
///
/// The source is quoted when the renderer has the file's text and the line exists; a range over several lines
/// is quoted line by line, each with its marker. Colour comes from the decorator (plain unless asked).
public struct DiagnosticRenderer: Sendable {
    /// Source text by file path, for quoting lines.
    public var sources: [String: String]
    public var decorator: any DiagnosticDecorator
    /// A longer multi-line range shows its first and last lines around a `...` line.
    public static let maxQuotedLines = 4

    public init(sources: [String: String], decorator: any DiagnosticDecorator = .plain) {
        self.sources = sources
        self.decorator = decorator
    }

    /// ANSI when `colour`, plain otherwise: callers decide from whether the output is a terminal.
    public init(sources: [String: String], colour: Bool) {
        self.init(sources: sources, decorator: colour ? ANSIDiagnosticDecorator() : PlainDiagnosticDecorator())
    }

    /// Each file is split into lines once, so many diagnostics on a long file stay linear (the fuzz target
    /// renders hundreds per input).
    public func render(_ diagnostics: [Diagnostic]) -> String {
        var lines: [String: [Substring.UnicodeScalarView]] = [:]
        return diagnostics.map { d in
            let file = d.range.start.file
            if lines[file] == nil, let text = sources[file] { lines[file] = Self.split(text) }
            return render(d, lines: lines[file])
        }.joined()
    }

    public func render(_ d: Diagnostic) -> String {
        render(d, lines: sources[d.range.start.file].map(Self.split))
    }

    private static func split(_ text: String) -> [Substring.UnicodeScalarView] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
    }

    private func render(_ d: Diagnostic, lines: [Substring.UnicodeScalarView]?) -> String {
        let label = decorator.decorateSeverity("\(d.severity.rawValue):", d.severity)
        var out = "\(decorator.decorateLocation("\(d.range.start):")) \(label) \(d.message) [\(d.id)]\n"
        if let lines, d.quotesSource { out += quote(d.range, lines) }
        let noteLabel = decorator.decorateSeverity("note:", .note)
        for note in d.notes { out += "\(noteLabel) \(note)\n" }
        return out
    }

    /// The quoted lines with their markers; nothing if the start line is not in the file.
    private func quote(_ range: SourceRange, _ lines: [Substring.UnicodeScalarView]) -> String {
        let first = range.start.line
        guard first >= 1, first <= lines.count else { return "" }
        let last = min(range.end?.line ?? first, lines.count)
        var shown = Array(first...last)
        if shown.count > Self.maxQuotedLines { shown = [first, -1, last] }
        var out = ""
        for number in shown {
            guard number > 0 else {
                out += "...\n"
                continue
            }
            let line = Array(lines[number - 1].prefix { $0 != "\r" })
            let from = number == first ? max(1, range.start.column) : 1
            let through: Int
            if number == first && range.end == nil {
                through = from + range.length - 1
            } else if number == last, let end = range.end, end.line == number {
                through = end.column
            } else {
                through = line.count
            }
            out += String(String.UnicodeScalarView(line)) + "\n"
            // Tabs stay tabs under the line, so the marker lines up however the terminal expands them.
            let prefix = String(line.prefix(from - 1).map { $0 == "\t" ? "\t" : " " })
            let width = max(1, min(through, line.count) - from + 1)
            let marker = number == first ? "^" + String(repeating: "~", count: width - 1) : String(repeating: "~", count: width)
            out += prefix + decorator.decorateMarker(marker) + "\n"
        }
        return out
    }
}
