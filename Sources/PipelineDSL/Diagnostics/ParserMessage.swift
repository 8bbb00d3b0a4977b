/// Every message the parser reports (directive structure: blocks, `when`, `key = value`, expressions), with its stable id `parse.<code>`.
public enum ParserMessage: DiagnosticMessage, Hashable {
    case expectedCloseParen(Int, Int, String)
    case expectedValue(String)
    case expectedCommaOrClose(String, String)
    case unexpectedCloseBrace
    case expectedDirectiveName(String)
    case expectedCondition
    case duplicateWhen
    case expectedValueAfterKey(String)
    case unexpectedEquals
    case expectedEndOfLineAfterBlock(String)
    case blocksNestedTooDeeply
    case expressionNestedTooDeeply(Int)
    case expectedCloseBrace(Int, Int)

    public var message: String {
        switch self {
        case .expectedCloseParen(let line, let column, let currentToken): "expected ')' to close '(' at \(line):\(column), found \(currentToken)"
        case .expectedValue(let token): "expected a value, found \(token)"
        case .expectedCommaOrClose(let what, let currentToken): "expected ',' or \(what), found \(currentToken)"
        case .unexpectedCloseBrace: "unexpected '}' with no block open"
        case .expectedDirectiveName(let current): "expected a directive name, found \(current)"
        case .expectedCondition: "expected a condition after 'when'"
        case .duplicateWhen: "a directive takes one 'when'; combine conditions with 'and'"
        case .expectedValueAfterKey(let key): "expected a value after '\(key) ='"
        case .unexpectedEquals: "unexpected '='"
        case .expectedEndOfLineAfterBlock(let current): "expected end of line after the block, found \(current)"
        case .blocksNestedTooDeeply: "blocks nested too deeply"
        case .expressionNestedTooDeeply(let limit): "expression nested more than \(limit) deep"
        case .expectedCloseBrace(let line, let column): "expected '}' to close the block opened at \(line):\(column)"
        }
    }

    /// Each message's id within the domain; `catalogue` lists them all.
    public enum Code: String, CaseIterable, Sendable {
        case expectedCloseParen = "expected-close-paren"
        case expectedValue = "expected-value"
        case expectedCommaOrClose = "expected-comma-or-close"
        case unexpectedCloseBrace = "unexpected-close-brace"
        case expectedDirectiveName = "expected-directive-name"
        case expectedCondition = "expected-condition"
        case duplicateWhen = "duplicate-when"
        case expectedValueAfterKey = "expected-value-after-key"
        case unexpectedEquals = "unexpected-equals"
        case expectedEndOfLineAfterBlock = "expected-end-of-line-after-block"
        case blocksNestedTooDeeply = "blocks-nested-too-deeply"
        case expressionNestedTooDeeply = "expression-nested-too-deeply"
        case expectedCloseBrace = "expected-close-brace"
    }

    public var code: Code {
        switch self {
        case .expectedCloseParen: .expectedCloseParen
        case .expectedValue: .expectedValue
        case .expectedCommaOrClose: .expectedCommaOrClose
        case .unexpectedCloseBrace: .unexpectedCloseBrace
        case .expectedDirectiveName: .expectedDirectiveName
        case .expectedCondition: .expectedCondition
        case .duplicateWhen: .duplicateWhen
        case .expectedValueAfterKey: .expectedValueAfterKey
        case .unexpectedEquals: .unexpectedEquals
        case .expectedEndOfLineAfterBlock: .expectedEndOfLineAfterBlock
        case .blocksNestedTooDeeply: .blocksNestedTooDeeply
        case .expressionNestedTooDeeply: .expressionNestedTooDeeply
        case .expectedCloseBrace: .expectedCloseBrace
        }
    }
}

extension ParserMessage: DiagnosticDomain {
    public static let domain = "parse"
}
