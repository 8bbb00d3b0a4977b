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

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined()
    }

    public func render(_ d: Diagnostic) -> String {
        let label: String
        switch d.severity {
        case .error: label = paint("error:", "1;31")
        case .warning: label = paint("warning:", "1;35")
        case .note: label = paint("note:", "1;36")
        }
        var out = "\(paint("\(d.range.start):", "1")) \(label) \(d.message)\n"
        if let line = sourceLine(d.range.start) {
            let column = max(1, d.range.start.column)
            let prefix = String(line.unicodeScalars.prefix(column - 1).map { $0 == "\t" ? "\t" : " " })
            let visible = max(1, min(d.range.length, line.unicodeScalars.count - (column - 1)))
            out += line + "\n"
            out += prefix + paint("^" + String(repeating: "~", count: max(0, visible - 1)), "1;32") + "\n"
        }
        for note in d.notes { out += "\(paint("note:", "1;36")) \(note)\n" }
        return out
    }

    private func sourceLine(_ location: SourceLocation) -> String? {
        guard let text = sources[location.file] else { return nil }
        var line = 1
        var start = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        var i = scalars.startIndex
        while i < scalars.endIndex, line < location.line {
            if scalars[i] == "\n" {
                line += 1
                start = scalars.index(after: i)
            }
            i = scalars.index(after: i)
        }
        guard line == location.line else { return nil }
        var end = start
        while end < scalars.endIndex, scalars[end] != "\n", scalars[end] != "\r" { end = scalars.index(after: end) }
        return String(scalars[start..<end])
    }

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
