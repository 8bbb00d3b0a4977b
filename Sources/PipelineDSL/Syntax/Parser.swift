/// Parses tokens into `Directive`s. On an error it reports, skips to the end of the line (or over a whole
/// bad block) and continues, so a file with several mistakes gets all of them reported at once.
public struct Parser {
    private var tokens: [Token]
    private var position = 0
    public private(set) var diagnostics: [Diagnostic] = []
    /// Nesting guard: no input may crash the parser by recursion depth.
    private var depth = 0
    private static let maxDepth = 64
    /// Expression nesting (parentheses, brackets, calls, `not`): each level is a few stack frames, so a
    /// hostile line like `x = ((((...` must stop with a diagnostic long before the stack does.
    var expressionDepth = 0
    static let maxExpressionDepth = 64

    public init(tokens: [Token]) {
        self.tokens = tokens
    }

    public mutating func parseFile() -> [Directive] {
        var directives: [Directive] = []
        while true {
            skipNewlines()
            switch current.kind {
            case .endOfFile: return directives
            case .rightBrace:
                error(.unexpectedCloseBrace, at: current.range)
                position += 1
            default:
                if let d = parseDirective() { directives.append(d) }
            }
        }
    }

    private var current: Token { tokens[position] }
    var currentToken: Token { tokens[position] }
    mutating func advanceToken() { if position < tokens.count - 1 { position += 1 } }
    mutating func report(_ message: ParserMessage, at range: SourceRange) { error(message, at: range) }
    private func peek(_ n: Int = 1) -> Token { tokens[min(position + n, tokens.count - 1)] }

    private mutating func error(_ message: ParserMessage, at range: SourceRange, notes: [String] = []) {
        diagnostics.append(Diagnostic(message, at: range, notes: notes))
    }

    private mutating func skipNewlines() {
        while case .newline = current.kind { position += 1 }
    }

    private var atEndOfDirective: Bool {
        switch current.kind {
        case .newline, .endOfFile, .rightBrace, .leftBrace: return true
        default: return false
        }
    }

    private mutating func parseDirective() -> Directive? {
        guard case .word(let keyword) = current.kind else {
            error(.expectedDirectiveName(current.display), at: current.range)
            recoverToEndOfLine()
            return nil
        }
        var directive = Directive(keyword: keyword, keywordRange: current.range)
        position += 1
        while !atEndOfDirective {
            if case .word("when") = current.kind {
                let whenRange = current.range
                position += 1
                if atEndOfDirective {
                    error(.expectedCondition, at: whenRange)
                } else if let e = parseExpression() {
                    if directive.condition != nil { error(.duplicateWhen, at: whenRange) }
                    directive.condition = e
                } else {
                    recoverToEndOfLine(keepBlock: true)
                }
                continue
            }
            if case .word(let key) = current.kind, case .equals = peek().kind {
                let keyRange = current.range
                position += 2
                if atEndOfDirective {
                    error(.expectedValueAfterKey(key), at: keyRange)
                } else if let value = parseExpression() {
                    directive.arguments.append(.named(key, keyRange, value))
                } else {
                    recoverToEndOfLine(keepBlock: true)
                }
                continue
            }
            if case .equals = current.kind {
                error(.unexpectedEquals, at: current.range, notes: ["write NAME = VALUE, with a name before '='"])
                recoverToEndOfLine(keepBlock: true)
                continue
            }
            guard let e = parseExpression() else {
                recoverToEndOfLine(keepBlock: true)
                continue
            }
            directive.arguments.append(.positional(e))
        }
        if case .leftBrace = current.kind {
            let open = current.range
            position += 1
            directive.blockRange = open
            directive.block = parseBlock(openedAt: open)
        }
        switch current.kind {
        case .newline: position += 1
        case .endOfFile, .rightBrace: break
        default:
            error(.expectedEndOfLineAfterBlock(current.display), at: current.range)
            recoverToEndOfLine()
        }
        return directive
    }

    private mutating func parseBlock(openedAt open: SourceRange) -> [Directive] {
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maxDepth {
            error(.blocksNestedTooDeeply, at: open)
            skipBalanced()
            return []
        }
        var body: [Directive] = []
        while true {
            skipNewlines()
            switch current.kind {
            case .rightBrace:
                position += 1
                return body
            case .endOfFile:
                error(.expectedCloseBrace(open.start.line, open.start.column), at: current.range)
                return body
            default:
                if let d = parseDirective() { body.append(d) }
            }
        }
    }

    /// Skips the rest of a bad line; a block on it is skipped whole so its '}' does not close ours.
    private mutating func recoverToEndOfLine(keepBlock: Bool = false) {
        while true {
            switch current.kind {
            case .newline:
                position += 1
                return
            case .endOfFile, .rightBrace: return
            case .leftBrace:
                if keepBlock { return }
                position += 1
                skipBalanced()
            default: position += 1
            }
        }
    }

    /// After a '{' was consumed: skip to its matching '}'.
    private mutating func skipBalanced() {
        var level = 1
        while level > 0 {
            switch current.kind {
            case .leftBrace: level += 1
            case .rightBrace: level -= 1
            case .endOfFile: return
            default: break
            }
            position += 1
        }
    }
}
