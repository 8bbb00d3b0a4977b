extension ASTBuilder {
    // MARK: Shapes of arguments

    func nameOf(_ e: Expression) -> String? {
        switch e {
        case .word(let w, _): return w
        case .string(let s): return s.constant
        case .number(let n, _): return String(n)
        default: return nil
        }
    }

    mutating func noBlock(_ d: Directive) {
        if d.block != nil, let r = d.blockRange { error(.takesNoBlock(d.keyword), at: r) }
    }

    mutating func noCondition(_ d: Directive) {
        if let c = d.condition { error(.cannotBeConditional(d.keyword), at: c.range, notes: ["'when' applies to steps, waves and tasks"]) }
    }

    mutating func requireBlock(_ d: Directive) -> [Directive]? {
        guard let block = d.block else {
            error(.needsBlock(d.keyword), at: d.keywordRange)
            return nil
        }
        return block
    }

    mutating func oneName(_ d: Directive, allowBlock: Bool = false) -> Located<String>? {
        if !allowBlock { noBlock(d) }
        noCondition(d)
        guard d.arguments.count == 1, let e = d.positional.first, let name = nameOf(e) else {
            error(.takesOneName(d.keyword), at: d.keywordRange)
            return nil
        }
        return Located(name, e.range)
    }

    mutating func oneString(_ d: Directive, allowNamed: Set<String> = []) -> StringLiteral? {
        noCondition(d, unlessTask: true)
        let positional = d.positional
        guard positional.count == 1, d.named.allSatisfy({ allowNamed.contains($0.key) }) || !allowNamed.isEmpty else {
            error(.takesOneString(d.keyword), at: d.keywordRange)
            return nil
        }
        guard case .string(let s) = positional[0] else {
            error(.takesQuotedString(d.keyword), at: positional[0].range, notes: ["write \(d.keyword) \"\(positional[0].source)\""])
            return nil
        }
        return s
    }

    /// Tasks may carry `when`; other directives may not.
    private mutating func noCondition(_ d: Directive, unlessTask: Bool) {
        if unlessTask, ASTBuilder.Context.tasks.contains(d.keyword) { return }
        noCondition(d)
    }

    mutating func strings(_ d: Directive, atLeast: Int) -> [StringLiteral] {
        for (key, range, _) in d.named {
            error(.unexpectedNamedValue(key, d.keyword), at: range, notes: Suggestions.note(for: key, in: Self.taskTableKeys))
        }
        var out: [StringLiteral] = []
        for e in d.positional {
            switch e {
            case .string(let s): out.append(s)
            case .list: out += stringList(e)
            default: error(.takesQuotedStrings(d.keyword), at: e.range, notes: ["write \"\(e.source)\""])
            }
        }
        if out.count < atLeast, d.positional.isEmpty { error(.needsStrings(d.keyword, atLeast), at: d.keywordRange) }
        return out
    }

    mutating func stringList(_ e: Expression) -> [StringLiteral] {
        switch e {
        case .string(let s): return [s]
        case .list(let items, _): return items.flatMap { stringList($0) }
        default:
            error(.expectedStringList, at: e.range)
            return []
        }
    }

    mutating func oneChoice<T: RawRepresentable & CaseIterable>(_ d: Directive, _ type: T.Type) -> Located<T>? where T.RawValue == String {
        guard let name = oneName(d) else { return nil }
        guard let value = T(rawValue: name.value) else {
            let choices = T.allCases.map(\.rawValue)
            error(.notOneOf(d.keyword, choices.joined(separator: ", "), name.value), at: name.range, notes: Suggestions.note(for: name.value, in: choices))
            return nil
        }
        return Located(value, name.range)
    }

    mutating func positiveInt(_ e: Expression, what: String) -> Int? {
        guard case .number(let n, _) = e, n >= 1 else {
            error(.invalidWholeNumber(what, e.source), at: e.range)
            return nil
        }
        return n
    }

    mutating func seconds(_ e: Expression, what: String) -> Double? {
        switch e {
        case .duration(let s, _, _): return s
        case .number(let n, _): return Double(n)
        default:
            error(.invalidDuration(what, e.source), at: e.range)
            return nil
        }
    }

    mutating func bool(_ e: Expression, what: String) -> Bool? {
        if case .word(let w, _) = e, w == "true" || w == "false" { return w == "true" }
        error(.invalidBoolean(what, e.source), at: e.range)
        return nil
    }

    mutating func value(_ e: Expression) -> ValueExpr? { e.asValue(&self) }
}

extension Expression {
    /// A value for a variable, hivevar or option: a string, a literal word/number/duration, or `env(...)`.
    func asValue(_ builder: inout ASTBuilder) -> ValueExpr? {
        switch self {
        case .string(let s): return .string(s)
        case .word(let w, let r): return .literal(w, r)
        case .number(let n, let r): return .literal(String(n), r)
        case .duration(_, let text, let r): return .literal(text, r)
        case .call("env", let args, let r):
            guard (1...2).contains(args.count), case .string(let name) = args[0] else {
                builder.error(.envSyntax, at: r)
                return nil
            }
            var fallback: StringLiteral?
            if args.count == 2 {
                guard case .string(let d) = args[1] else {
                    builder.error(.envDefaultNotString, at: args[1].range)
                    return nil
                }
                fallback = d
            }
            return .environment(name: name, fallback: fallback, range: r)
        case .call(let name, _, let r):
            builder.error(.unknownFunction(name), at: r, notes: Suggestions.note(for: name, in: ["env"]) + ["the only function is env(\"NAME\", \"default\")"])
            return nil
        default:
            builder.error(.expectedValue(source), at: range)
            return nil
        }
    }
}
