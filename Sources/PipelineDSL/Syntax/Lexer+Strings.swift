extension Lexer {
    /// `"..."` with escapes, or `"""` multi-line raw text. Both interpolate `${name}`; `${ns:name}` (Hive's
    /// own hivevar/hiveconf/env/system references) stays as text for Hive to resolve.
    mutating func lexString() -> StringLiteral {
        let start = index, startLine = line, startOfLine = lineStart
        let triple = peek(1) == "\"" && peek(2) == "\""
        for _ in 0..<(triple ? 3 : 1) { advance() }
        var parts: [StringLiteral.Part] = []
        var text = String.UnicodeScalarView()
        func flush() {
            if !text.isEmpty { parts.append(.text(String(text))) }
            text = String.UnicodeScalarView()
        }
        var closed = false
        while let c = current {
            if triple, c == "\"", peek(1) == "\"", peek(2) == "\"" {
                for _ in 0..<3 { advance() }
                closed = true
                break
            }
            if !triple, c == "\"" {
                advance()
                closed = true
                break
            }
            if !triple, c == "\n" { break }
            if c == "\\" {
                if let escaped = lexEscape(triple: triple) { text.append(contentsOf: escaped.unicodeScalars) }
                continue
            }
            if c == "$", peek(1) == "{" {
                if let part = lexInterpolation() {
                    flush()
                    parts.append(part)
                } else {
                    text.append(contentsOf: lastRawInterpolation.unicodeScalars)
                }
                continue
            }
            text.append(c)
            advance()
        }
        flush()
        let r = SourceRange(start: SourceLocation(file: file(), line: startLine, column: start - startOfLine + 1), length: triple ? 3 : max(1, index - start))
        if !closed {
            diagnosticsAppend(Diagnostic(LexerMessage.unterminatedString, at: r, notes: [triple ? "close it with \"\"\"" : "close it with \" before the end of the line, or use \"\"\" for several lines"]))
        }
        if triple { parts = Lexer.dedent(parts) }
        return StringLiteral(parts: parts, range: r)
    }

    /// Returns the escaped text; a raw (`"""`) string keeps backslashes (SQL regexes use them) except `\$`.
    private mutating func lexEscape(triple: Bool) -> String? {
        let start = index
        let at = rangeAt(start, length: 2)
        advance()
        // A backslash at the end of a line is not an escape; the string is then unterminated.
        guard let c = current, c != "\n" else { return "\\" }
        if triple {
            if c == "$" { advance(); return "$" }
            return "\\"
        }
        advance()
        switch c {
        case "n": return "\n"
        case "t": return "\t"
        case "\"": return "\""
        case "\\": return "\\"
        case "$": return "$"
        default:
            diagnosticsAppend(Diagnostic(LexerMessage.unknownEscape(c.escaped(asASCII: true)), at: at, notes: ["escapes are \\n \\t \\\" \\\\ \\$"]))
            return String(c)
        }
    }

    /// Lexes `${...}` starting at `$`. nil means "keep as text" (Hive namespaces), stored in `lastRawInterpolation`.
    private mutating func lexInterpolation() -> StringLiteral.Part? {
        let start = index
        let startLine = line, startOfLine = lineStart
        advance(); advance()
        var name = String.UnicodeScalarView()
        while let c = current, c != "}", c != "\n", c != "\"" {
            name.append(c)
            advance()
        }
        guard current == "}" else {
            diagnosticsAppend(Diagnostic(LexerMessage.unterminatedInterpolation, at: rangeAt(start, length: 2), notes: ["write ${name}, or \\$ for a literal dollar"]))
            lastRawInterpolation = "${" + String(name)
            return nil
        }
        advance()
        let text = String(name)
        if text.contains(":") {
            lastRawInterpolation = "${\(text)}"
            return nil
        }
        let range = SourceRange(start: SourceLocation(file: file(), line: startLine, column: start - startOfLine + 1), length: index - start)
        if text.isEmpty || !text.unicodeScalars.allSatisfy(Lexer.isWordPart) || !Lexer.isWordStart(text.unicodeScalars.first!) {
            diagnosticsAppend(Diagnostic(LexerMessage.invalidVariableName(text), at: range))
        }
        return .variable(text, range)
    }

    /// Removes the common leading indentation and the first/last blank lines of a `"""` string.
    static func dedent(_ parts: [StringLiteral.Part]) -> [StringLiteral.Part] {
        // Work on text parts only; interpolations sit inside lines and keep their place.
        var joined: [(String, StringLiteral.Part?)] = parts.map { part in
            if case .text(let t) = part { (t, nil) } else { ("\u{0}", part) }
        }
        let full = joined.map(\.0).joined()
        var lines = full.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let first = lines.first, first.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { lines.removeFirst() }
        if let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeLast() }
        let indent = lines.filter { !$0.trimmingCharacters(in: " \t").isEmpty }
            .map { $0.prefix { $0 == " " || $0 == "\t" }.count }.min() ?? 0
        let text = lines.map { String($0.dropFirst(min(indent, $0.prefix { $0 == " " || $0 == "\t" }.count))) }.joined(separator: "\n")
        // Re-split on the placeholders to restore interpolations in order.
        var out: [StringLiteral.Part] = []
        var pieces = text.split(separator: "\u{0}", omittingEmptySubsequences: false).makeIterator()
        let variables = joined.compactMap(\.1)
        joined.removeAll()
        if let first = pieces.next(), !first.isEmpty { out.append(.text(String(first))) }
        for variable in variables {
            out.append(variable)
            if let piece = pieces.next(), !piece.isEmpty { out.append(.text(String(piece))) }
        }
        return out
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let s = Set(set)
        var sub = Substring(self)
        while let f = sub.first, s.contains(f) { sub = sub.dropFirst() }
        while let l = sub.last, s.contains(l) { sub = sub.dropLast() }
        return String(sub)
    }
}
