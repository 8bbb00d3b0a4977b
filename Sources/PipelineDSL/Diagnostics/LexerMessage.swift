/// Every message the lexer reports (tokens: strings, numbers, escapes, `${...}`), with its stable id `lex.<code>`.
public enum LexerMessage: DiagnosticMessage, Hashable {
    case unterminatedString
    case unknownEscape(String)
    case unterminatedInterpolation
    case invalidVariableName(String)
    case unexpectedCharacter(String)
    case invalidNumber(String)

    public var message: String {
        switch self {
        case .unterminatedString: "unterminated string"
        case .unknownEscape(let value): "unknown escape '\\\(value)'"
        case .unterminatedInterpolation: "unterminated '${'"
        case .invalidVariableName(let text): "invalid variable name '\(text)' in '${...}'"
        case .unexpectedCharacter(let value): "unexpected character '\(value)'"
        case .invalidNumber(let text): "invalid number or duration '\(text)'"
        }
    }

    public var diagnosticID: MessageID { MessageID(domain: Self.domain, id: code) }

    public var severity: DiagnosticSeverity { .error }

    var code: String {
        switch self {
        case .unterminatedString: "unterminated-string"
        case .unknownEscape: "unknown-escape"
        case .unterminatedInterpolation: "unterminated-interpolation"
        case .invalidVariableName: "invalid-variable-name"
        case .unexpectedCharacter: "unexpected-character"
        case .invalidNumber: "invalid-number"
        }
    }
}

extension LexerMessage: DiagnosticDomain {
    public static let domain = "lex"

    public static let catalogue: [(id: String, severity: DiagnosticSeverity)] = [
        ("unterminated-string", .error),
        ("unknown-escape", .error),
        ("unterminated-interpolation", .error),
        ("invalid-variable-name", .error),
        ("unexpected-character", .error),
        ("invalid-number", .error),
    ]
}
