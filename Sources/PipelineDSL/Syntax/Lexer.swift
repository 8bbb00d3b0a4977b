/// Turns pipeline source into tokens. Newlines are tokens (directives end at them) except inside
/// `[...]`/`(...)` and after a trailing backslash. Errors are collected, never thrown: the lexer skips the
/// bad character and goes on, so one run reports every problem it can find.
public struct Lexer {
    let fileName: String
    let scalars: [Unicode.Scalar]
    var index = 0
    var line = 1
    var lineStart = 0
    var nesting = 0
    /// The text of the last `${...}` that stays literal (Hive's own namespaces).
    var lastRawInterpolation = ""
    public private(set) var diagnostics: [Diagnostic] = []

    public init(file: String, text: String) {
        self.fileName = file
        self.scalars = Array(text.unicodeScalars)
    }

    public mutating func tokenize() -> [Token] {
        var tokens: [Token] = []
        while let token = next() {
            // Collapse runs of newlines: blank lines and comments carry no meaning.
            if case .newline = token.kind, let last = tokens.last, case .newline = last.kind { continue }
            tokens.append(token)
        }
        tokens.append(Token(.endOfFile, range(from: index, line: line, lineStart: lineStart)))
        return tokens
    }

    var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
    func peek(_ offset: Int) -> Unicode.Scalar? { index + offset < scalars.count ? scalars[index + offset] : nil }

    private func location(_ at: Int, line: Int, lineStart: Int) -> SourceLocation {
        SourceLocation(file: fileName, line: line, column: at - lineStart + 1)
    }

    private func range(from start: Int, line: Int, lineStart: Int) -> SourceRange {
        // A token that spans lines marks only its first line.
        var end = start
        while end < index, scalars[end] != "\n" { end += 1 }
        return SourceRange(start: location(start, line: line, lineStart: lineStart), length: end - start)
    }

    mutating func advance() {
        if scalars[index] == "\n" {
            line += 1
            lineStart = index + 1
        }
        index += 1
    }

    func file() -> String { fileName }

    mutating func diagnosticsAppend(_ d: Diagnostic) { diagnostics.append(d) }

    func rangeAt(_ start: Int, length: Int) -> SourceRange {
        SourceRange(start: location(start, line: line, lineStart: lineStart), length: length)
    }

    private mutating func error(_ message: LexerMessage, at start: Int, length: Int = 1, notes: [String] = []) {
        diagnostics.append(Diagnostic(message, at: SourceRange(start: location(start, line: line, lineStart: lineStart), length: length), notes: notes))
    }

    private mutating func next() -> Token? {
        while let c = current {
            let start = index, startLine = line, startOfLine = lineStart
            func token(_ kind: Token.Kind) -> Token { Token(kind, range(from: start, line: startLine, lineStart: startOfLine)) }
            switch c {
            case " ", "\t", "\r":
                advance()
            case "#":
                while let c = current, c != "\n" { advance() }
            case "\\" where peek(1) == "\n" || (peek(1) == "\r" && peek(2) == "\n"):
                while current != "\n" { advance() }
                advance()
            case "\n":
                advance()
                if nesting == 0 { return token(.newline) }
            case "{": advance(); return token(.leftBrace)
            case "}": advance(); return token(.rightBrace)
            case "[": advance(); nesting += 1; return token(.leftBracket)
            case "]": advance(); nesting = max(0, nesting - 1); return token(.rightBracket)
            case "(": advance(); nesting += 1; return token(.leftParen)
            case ")": advance(); nesting = max(0, nesting - 1); return token(.rightParen)
            case ",": advance(); return token(.comma)
            case "=":
                advance()
                if current == "=" { advance(); return token(.equalEqual) }
                return token(.equals)
            case "!" where peek(1) == "=":
                advance(); advance()
                return token(.notEqual)
            case "\"":
                let literal = lexString()
                return Token(.string(literal), literal.range)
            case _ where ("0"..."9").contains(c):
                return lexNumber()
            case _ where Lexer.isWordStart(c):
                while let c = current, Lexer.isWordPart(c) { advance() }
                return token(.word(String(String.UnicodeScalarView(scalars[start..<index]))))
            default:
                error(.unexpectedCharacter(c.escaped(asASCII: true)), at: start)
                advance()
            }
        }
        return nil
    }

    static func isWordStart(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || c == "_"
    }

    static func isWordPart(_ c: Unicode.Scalar) -> Bool {
        isWordStart(c) || ("0"..."9").contains(c) || c == "-" || c == "."
    }

    private mutating func lexNumber() -> Token {
        let start = index, startLine = line, startOfLine = lineStart
        while let c = current, Lexer.isWordPart(c) { advance() }
        let text = String(String.UnicodeScalarView(scalars[start..<index]))
        let r = range(from: start, line: startLine, lineStart: startOfLine)
        if let n = Int(text) { return Token(.number(n), r) }
        if let seconds = DurationSyntax.seconds(text) { return Token(.duration(seconds, text), r) }
        diagnosticsAppend(Diagnostic(LexerMessage.invalidNumber(text), at: r, notes: ["durations look like 250ms, 5s, 2m, 1h30m"]))
        return Token(.number(0), r)
    }
}
