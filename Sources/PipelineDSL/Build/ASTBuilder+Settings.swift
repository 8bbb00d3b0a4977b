extension ASTBuilder {
    /// Header/profile/step settings. Returns false when the keyword is not a setting.
    mutating func applySetting(_ d: Directive, to settings: inout Settings) -> Bool {
        switch d.keyword {
        case "engine":
            once(settings.engine, d)
            settings.engine = oneChoice(d, EngineKind.self)
        case "on_failure":
            once(settings.onFailure, d)
            settings.onFailure = oneChoice(d, FailurePolicy.self)
        case "order":
            once(settings.order, d)
            settings.order = oneChoice(d, TaskOrder.self)
        case "parallelism":
            once(settings.parallelism ?? settings.parallelismValue.map { Located(0, $0.range) }, d)
            noBlock(d)
            guard d.arguments.count == 1, let e = d.positional.first else {
                error(.parallelismTakesOneNumber, at: d.keywordRange)
                return true
            }
            // A string that interpolates ("${processes}") is checked by the planner, once variables have their
            // values; a constant string ("8") is still a mistake for a number.
            if case .string(let s) = e, s.constant == nil {
                settings.parallelismValue = Located(.string(s), e.range)
            } else if let n = positiveInt(e, what: "parallelism") {
                settings.parallelism = Located(n, e.range)
            }
        case "timeout":
            once(settings.timeout, d)
            noBlock(d)
            guard d.arguments.count == 1, let e = d.positional.first else {
                error(.timeoutTakesOneDuration, at: d.keywordRange)
                return true
            }
            if case .word("none", let r) = e { settings.timeout = Located(.none, r) } else if let s = seconds(e, what: "timeout") {
                settings.timeout = Located(.seconds(s), e.range)
            }
        case "retry":
            applyRetry(d, to: &settings.retry)
        case "hive":
            noCondition(d)
            guard let block = requireBlock(d) else { return true }
            for inner in block {
                guard inner.keyword == "command" else {
                    unknown(inner, in: .hive)
                    continue
                }
                let argv = values(inner)
                if !argv.isEmpty { settings.hiveCommand = Located(argv, inner.keywordRange) }
            }
        case "beeline":
            noCondition(d)
            guard let block = requireBlock(d) else { return true }
            for inner in block {
                switch inner.keyword {
                case "command":
                    let argv = values(inner)
                    if !argv.isEmpty { settings.beeline.command = Located(argv, inner.keywordRange) }
                case "url": settings.beeline.url = oneValue(inner)
                case "user": settings.beeline.user = oneValue(inner)
                case "password_file": settings.beeline.passwordFile = oneValue(inner)
                default: unknown(inner, in: .beeline)
                }
            }
        case "hiveserver2":
            noCondition(d)
            guard let block = requireBlock(d) else { return true }
            for inner in block {
                switch inner.keyword {
                case "url": settings.hiveServer2.url = oneValue(inner)
                case "user": settings.hiveServer2.user = oneValue(inner)
                case "password_file": settings.hiveServer2.passwordFile = oneValue(inner)
                case "ca": settings.hiveServer2.ca = oneValue(inner)
                case "allow_plaintext_password": settings.hiveServer2.allowPlaintextPassword = oneValue(inner)
                default: unknown(inner, in: .hiveServer2)
                }
            }
        case "metastore":
            guard let block = requireBlock(d) else { return true }
            var metastore = settings.metastore ?? MetastoreBlock(range: d.keywordRange)
            if let c = d.condition { metastore.condition = c }
            for inner in block {
                guard let key = MetastoreBlock.Key(rawValue: inner.keyword) else {
                    unknown(inner, in: .metastore)
                    continue
                }
                noBlock(inner)
                guard inner.arguments.count == 1, let e = inner.positional.first, let v = value(e) else {
                    error(.takesOneValue(inner.keyword), at: inner.keywordRange)
                    continue
                }
                metastore.values[key] = v
            }
            settings.metastore = metastore
        case "metrics":
            guard let block = requireBlock(d) else { return true }
            var metrics = settings.metrics ?? MetricsBlock(range: d.keywordRange)
            if let c = d.condition { metrics.condition = c }
            for inner in block {
                guard let key = MetricsBlock.Key(rawValue: inner.keyword) else {
                    unknown(inner, in: .metrics)
                    continue
                }
                if let v = oneValue(inner) { metrics.values[key] = v.value }
            }
            settings.metrics = metrics
        default:
            return false
        }
        return true
    }

    /// Each positional argument as a value (strings, words, `env(...)`).
    private mutating func values(_ d: Directive) -> [ValueExpr] {
        noBlock(d)
        for (key, range, _) in d.named { error(.unexpectedNamedValue(key, d.keyword), at: range) }
        if d.positional.isEmpty { error(.needsValue(d.keyword), at: d.keywordRange) }
        return d.positional.compactMap { value($0) }
    }

    private mutating func oneValue(_ d: Directive) -> Located<ValueExpr>? {
        noBlock(d)
        guard d.arguments.count == 1, let e = d.positional.first else {
            error(.takesOneValue(d.keyword), at: d.keywordRange)
            return nil
        }
        return value(e).map { Located($0, e.range) }
    }

    private mutating func once<T>(_ existing: Located<T>?, _ d: Directive) {
        if let first = existing {
            error(.setTwice(d.keyword), at: d.keywordRange, notes: ["first set at \(first.range.start.line):\(first.range.start.column)"])
        }
    }

    /// `retry attempts=N delay=D [backoff=fixed|exponential] [max_delay=D] [jitter=BOOL]`
    private mutating func applyRetry(_ d: Directive, to retry: inout RetrySettings) {
        noBlock(d)
        noCondition(d)
        if d.named.isEmpty || !d.positional.isEmpty {
            error(.retryTakesOptions, at: d.keywordRange)
        }
        for (key, range, e) in d.named {
            switch key {
            case "attempts": if let n = positiveInt(e, what: "attempts") { retry.attempts = Located(n, e.range) }
            case "delay": if let s = seconds(e, what: "delay") { retry.delay = Located(s, e.range) }
            case "max_delay": if let s = seconds(e, what: "max_delay") { retry.maxDelay = Located(s, e.range) }
            case "jitter": if let b = bool(e, what: "jitter") { retry.jitter = Located(b, e.range) }
            case "backoff":
                if case .word(let w, let r) = e, let backoff = RetryBackoff(rawValue: w) { retry.backoff = Located(backoff, r) } else {
                    error(.invalidBackoff(e.source), at: e.range, notes: Suggestions.note(for: e.source, in: RetryBackoff.allCases.map(\.rawValue)))
                }
            default:
                error(.unknownRetryOption(key), at: range, notes: Suggestions.note(for: key, in: ["attempts", "delay", "backoff", "max_delay", "jitter"]))
            }
        }
    }

    /// `var`/`secret`/`param`/`hivevar`/`hiveconf`. Returns false when the keyword is not one of them.
    mutating func applyScope(_ d: Directive, to scope: inout Scope, allowParams: Bool) -> Bool {
        guard ["var", "secret", "param", "hivevar", "hiveconf"].contains(d.keyword) else { return false }
        noBlock(d)
        // hivevar/hiveconf may be conditional; a variable must have one value to be printed and traced.
        if d.keyword != "hivevar", d.keyword != "hiveconf" { noCondition(d) }
        if d.keyword == "param", !allowParams {
            error(.paramOnlyAtTopLevel, at: d.keywordRange, notes: ["a profile can give a parameter a default with 'var NAME = VALUE'"])
            return true
        }
        var name: String, range: SourceRange, valueExpr: Expression?
        if d.arguments.count == 1, case .named(let k, let r, let v) = d.arguments[0] {
            (name, range, valueExpr) = (k, r, v)
        } else if d.keyword == "param", d.arguments.count == 1, case .positional(.word(let w, let r)) = d.arguments[0] {
            (name, range, valueExpr) = (w, r, nil)
        } else {
            error(.bindingSyntax(d.keyword), at: d.keywordRange)
            return true
        }
        let v = valueExpr.flatMap { value($0) }
        if valueExpr != nil, v == nil { return true }
        switch d.keyword {
        case "hivevar", "hiveconf":
            let assignment = Assignment(key: name, range: range, value: v!, condition: d.condition)
            let list = d.keyword == "hivevar" ? scope.hivevars : scope.hiveconf
            if let first = list.first(where: { $0.key == name }) {
                error(.bindingSetTwice(d.keyword, name), at: range, notes: ["first set at \(first.range.start.line):\(first.range.start.column)"])
            } else if d.keyword == "hivevar" {
                scope.hivevars.append(assignment)
            } else {
                scope.hiveconf.append(assignment)
            }
        default:
            if let first = scope.variables.first(where: { $0.name == name }) {
                error(.variableDefinedTwice(name), at: range, notes: ["first defined at \(first.range.start.line):\(first.range.start.column)"])
            } else {
                scope.variables.append(VariableDecl(kind: VariableDecl.Kind(rawValue: d.keyword)!, name: name, range: range, value: v))
            }
        }
        return true
    }
}
