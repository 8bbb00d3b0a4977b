extension Parser {
    // expression := or ; or := and ('or' and)* ; and := unary ('and' unary)* ;
    // unary := 'not' unary | comparison ; comparison := primary (('=='|'!=') primary)?
    mutating func parseExpression() -> Expression? {
        guard var lhs = parseAnd() else { return nil }
        while case .word("or") = currentToken.kind {
            advanceToken()
            guard let rhs = parseAnd() else { return nil }
            lhs = .or(lhs, rhs)
        }
        return lhs
    }

    private mutating func parseAnd() -> Expression? {
        guard var lhs = parseUnary() else { return nil }
        while case .word("and") = currentToken.kind {
            advanceToken()
            guard let rhs = parseUnary() else { return nil }
            lhs = .and(lhs, rhs)
        }
        return lhs
    }

    /// Every nesting path (`(`, `[`, a call's arguments, `not`) passes through here, so the depth guard sits
    /// here. Past the limit it reports once and returns nil; every enclosing level then returns nil silently.
    private mutating func parseUnary() -> Expression? {
        expressionDepth += 1
        defer { expressionDepth -= 1 }
        if expressionDepth > Parser.maxExpressionDepth {
            report(.expressionNestedTooDeeply(Parser.maxExpressionDepth), at: currentToken.range)
            return nil
        }
        if case .word("not") = currentToken.kind {
            let r = currentToken.range
            advanceToken()
            guard let operand = parseUnary() else { return nil }
            return .not(operand, r)
        }
        guard let lhs = parsePrimary() else { return nil }
        switch currentToken.kind {
        case .equalEqual:
            advanceToken()
            return parsePrimary().map { .equal(lhs, $0) }
        case .notEqual:
            advanceToken()
            return parsePrimary().map { .notEqual(lhs, $0) }
        default:
            return lhs
        }
    }

    private mutating func parsePrimary() -> Expression? {
        let token = currentToken
        switch token.kind {
        case .string(let s):
            advanceToken()
            return .string(s)
        case .number(let n):
            advanceToken()
            return .number(n, token.range)
        case .duration(let seconds, let text):
            advanceToken()
            return .duration(seconds, text, token.range)
        case .word(let w):
            advanceToken()
            guard case .leftParen = currentToken.kind else { return .word(w, token.range) }
            advanceToken()
            guard let args = parseSequence(closing: .rightParen, what: "')'") else { return nil }
            return .call(w, args, token.range)
        case .leftBracket:
            advanceToken()
            guard let items = parseSequence(closing: .rightBracket, what: "']'") else { return nil }
            return .list(items, token.range)
        case .leftParen:
            advanceToken()
            guard let inner = parseExpression() else { return nil }
            guard case .rightParen = currentToken.kind else {
                report(.expectedCloseParen(token.range.start.line, token.range.start.column, currentToken.display), at: currentToken.range)
                return nil
            }
            advanceToken()
            return inner
        default:
            report(.expectedValue(token.display), at: token.range)
            return nil
        }
    }

    /// Comma-separated expressions up to `closing` (already past the opener). Newlines are not tokens here.
    private mutating func parseSequence(closing: Token.Kind, what: String) -> [Expression]? {
        var items: [Expression] = []
        if currentToken.kind == closing {
            advanceToken()
            return items
        }
        while true {
            guard let item = parseExpression() else { return nil }
            items.append(item)
            if currentToken.kind == closing {
                advanceToken()
                return items
            }
            guard case .comma = currentToken.kind else {
                report(.expectedCommaOrClose(what, currentToken.display), at: currentToken.range)
                return nil
            }
            advanceToken()
        }
    }
}
