/// Prints diagnostics the way compilers do: `file:line:col: error: message`, the source line, a caret
/// marker under the range, then notes. Colour is a decoration applied only when asked (a TTY), so tests
/// compare plain text.
public struct DiagnosticRenderer: Sendable {
    public var colour: Bool
    /// Source text by file path, for quoting lines.
    public var sources: [String: String]

    public init(sources: [String: String], colour: Bool = false) {
        self.sources = sources
        self.colour = colour
    }

    /// Each file is split into lines once, so many diagnostics on a long file stay linear (the fuzz target
    /// renders hundreds per input).
    public func render(_ diagnostics: [Diagnostic]) -> String {
        var lines: [String: [Substring.UnicodeScalarView]] = [:]
        return diagnostics.map { d in
            let file = d.range.start.file
            if lines[file] == nil, let text = sources[file] {
                lines[file] = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            }
            return render(d, lines: lines[file])
        }.joined()
    }

    public func render(_ d: Diagnostic) -> String {
        render(d, lines: sources[d.range.start.file].map { $0.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) })
    }

    private func render(_ d: Diagnostic, lines: [Substring.UnicodeScalarView]?) -> String {
        let label: String
        switch d.severity {
        case .error: label = paint("error:", "1;31")
        case .warning: label = paint("warning:", "1;35")
        case .note: label = paint("note:", "1;36")
        }
        var out = "\(paint("\(d.range.start):", "1")) \(label) \(d.message)\n"
        if let line = sourceLine(d.range.start, lines) {
            let column = max(1, d.range.start.column)
            let prefix = String(line.unicodeScalars.prefix(column - 1).map { $0 == "\t" ? "\t" : " " })
            let visible = max(1, min(d.range.length, line.unicodeScalars.count - (column - 1)))
            out += line + "\n"
            out += prefix + paint("^" + String(repeating: "~", count: max(0, visible - 1)), "1;32") + "\n"
        }
        for note in d.notes { out += "\(paint("note:", "1;36")) \(note)\n" }
        return out
    }

    /// The line without its `\r`, if the file and line exist.
    private func sourceLine(_ location: SourceLocation, _ lines: [Substring.UnicodeScalarView]?) -> String? {
        guard let lines, location.line >= 1, location.line <= lines.count else { return nil }
        let line = lines[location.line - 1]
        return String(String.UnicodeScalarView(line.prefix { $0 != "\r" }))
    }

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
