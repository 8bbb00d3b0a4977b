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

    /// Each message's id within the domain; `catalogue` lists them all.
    public enum Code: String, CaseIterable, Sendable {
        case unterminatedString = "unterminated-string"
        case unknownEscape = "unknown-escape"
        case unterminatedInterpolation = "unterminated-interpolation"
        case invalidVariableName = "invalid-variable-name"
        case unexpectedCharacter = "unexpected-character"
        case invalidNumber = "invalid-number"
    }

    public var code: Code {
        switch self {
        case .unterminatedString: .unterminatedString
        case .unknownEscape: .unknownEscape
        case .unterminatedInterpolation: .unterminatedInterpolation
        case .invalidVariableName: .invalidVariableName
        case .unexpectedCharacter: .unexpectedCharacter
        case .invalidNumber: .invalidNumber
        }
    }
}

extension LexerMessage: DiagnosticDomain {
    public static let domain = "lex"
}
