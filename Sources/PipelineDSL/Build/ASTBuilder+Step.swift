extension ASTBuilder {
    /// `step NAME [always] [when EXPR] { ... }`
    mutating func buildStep(_ d: Directive) -> Step? {
        guard let first = d.positional.first, let name = nameOf(first) else {
            error(.stepNeedsName, at: d.keywordRange, notes: ["write: step NAME { ... }"])
            return nil
        }
        var step = Step(name: name, range: first.range)
        step.condition = d.condition
        for extra in d.positional.dropFirst() {
            if case .word("always", _) = extra { step.always = true } else {
                error(.unexpectedAfterStepName(extra.source), at: extra.range, notes: ["only 'always' and 'when EXPR' may follow a step's name"])
            }
        }
        for (key, range, _) in d.named { error(.unexpectedNamedValueOnStep(key), at: range) }
        guard let block = requireBlock(d) else { return step }
        let errorsBefore = diagnostics.count
        var direct = Wave(name: nil, range: first.range)
        for inner in block {
            switch inner.keyword {
            case "when":
                noBlock(inner)
                if step.condition != nil { error(.stepAlreadyHasCondition, at: inner.keywordRange, notes: ["combine conditions with 'and'"]) }
                if let e = inner.positional.first, inner.positional.count == 1 { step.condition = e } else {
                    error(.whenTakesOneCondition, at: inner.keywordRange)
                }
            case "always":
                noBlock(inner)
                if !inner.arguments.isEmpty { error(.alwaysTakesNoValue, at: inner.keywordRange) }
                step.always = true
            case "resume":
                step.resume = oneChoice(inner, ResumeGranularity.self)
            case "wave":
                if let w = buildWave(inner, index: step.waves.count + 1) { step.waves.append(w) }
            default:
                if let task = buildTask(inner, context: .step) {
                    direct.tasks.append(task)
                    continue
                }
                if ["hivevar", "hiveconf"].contains(inner.keyword), applyScope(inner, to: &step.scope, allowParams: false) { continue }
                if ["engine", "parallelism", "retry", "timeout", "on_failure", "order"].contains(inner.keyword), applySetting(inner, to: &step.settings) { continue }
                if !ASTBuilder.Context.tasks.contains(inner.keyword) { unknown(inner, in: .step) }
            }
        }
        if !direct.tasks.isEmpty {
            if !step.waves.isEmpty {
                error(.stepMixesTasksAndWaves(step.name), at: direct.tasks[0].range, notes: ["put these tasks inside a 'wave { ... }' so their order is explicit"])
            } else {
                step.waves = [direct]
            }
        }
        // An empty step after an error inside it is a consequence, not news.
        if step.waves.isEmpty, diagnostics.count == errorsBefore {
            error(.stepHasNoTasks(step.name), at: step.range, notes: ["add file, glob, statement, each_line, command or action"])
        }
        return step
    }

    private mutating func buildWave(_ d: Directive, index: Int) -> Wave? {
        var name: String?
        if let first = d.positional.first {
            name = nameOf(first)
            if name == nil { error(.invalidWaveName, at: first.range) }
        }
        if d.positional.count > 1 { error(.waveTakesOneName, at: d.positional[1].range) }
        var wave = Wave(name: name, range: d.keywordRange)
        wave.condition = d.condition
        guard let block = requireBlock(d) else { return wave }
        let errorsBefore = diagnostics.count
        for inner in block {
            if inner.keyword == "when" {
                noBlock(inner)
                if let e = inner.positional.first { wave.condition = e }
                continue
            }
            if let task = buildTask(inner, context: .wave) {
                wave.tasks.append(task)
                continue
            }
            if ["hivevar", "hiveconf"].contains(inner.keyword), applyScope(inner, to: &wave.scope, allowParams: false) { continue }
            if !ASTBuilder.Context.tasks.contains(inner.keyword) { unknown(inner, in: .wave) }
        }
        if wave.tasks.isEmpty, diagnostics.count == errorsBefore { error(.waveHasNoTasks(name.map { "'\($0)'" } ?? String(index)), at: d.keywordRange) }
        return wave
    }

    /// A task directive, or nil when the keyword is not a task (or the task was malformed and reported).
    mutating func buildTask(_ d: Directive, context: Context) -> TaskSource? {
        guard ASTBuilder.Context.tasks.contains(d.keyword) else { return nil }
        // The table options any task takes come off first, so each kind sees only its own arguments.
        var d = d
        let tables = taskTableOptions(&d)
        if context == .eachLine, !["file", "statement"].contains(d.keyword) {
            unknown(d, in: .eachLine)
            return nil
        }
        if d.keyword != "each_line" { noBlock(d) }
        let kind: TaskSource.Kind
        switch d.keyword {
        case "file":
            let files = strings(d, atLeast: 1)
            guard !files.isEmpty else { return nil }
            kind = .files(files)
        case "glob":
            guard let pattern = oneString(d, allowNamed: ["exclude", "allow_empty"]) else { return nil }
            var excludes: [StringLiteral] = []
            for (key, range, value) in d.named where key != "allow_empty" {
                guard key == "exclude" else {
                    error(.unknownGlobOption(key), at: range, notes: Suggestions.note(for: key, in: ["exclude", "allow_empty"]))
                    continue
                }
                excludes += stringList(value)
            }
            kind = .glob(pattern, excluding: excludes)
        case "statement":
            guard let sql = oneString(d) else { return nil }
            kind = .statement(sql)
        case "command":
            guard let (argv, environment) = commandArguments(d) else { return nil }
            kind = .command(argv, environment: environment)
        case "action":
            guard let name = d.positional.first.flatMap(nameOf), d.positional.count == 1 else {
                error(.actionSyntax, at: d.keywordRange)
                return nil
            }
            let options = d.named.compactMap { key, range, value in value.asValue(&self).map { Assignment(key: key, range: range, value: $0) } }
            kind = .action(name, options)
        default:
            guard let each = buildEachLine(d) else { return nil }
            kind = .eachLine(each)
        }
        var task = TaskSource(kind: kind, range: d.keywordRange, condition: d.condition)
        task.tables = tables
        if ["glob", "each_line"].contains(d.keyword), let option = d.named.last(where: { $0.key == "allow_empty" }) {
            task.allowEmpty = bool(option.value, what: "allow_empty") ?? false
        }
        return task
    }

    /// `each_line "list.txt" as NAME [matching="RE"] [allow_empty=BOOL] { ... }`
    private mutating func buildEachLine(_ d: Directive) -> EachLine? {
        let args = d.positional
        guard args.count == 3, case .string(let list) = args[0], case .word("as", _) = args[1], case .word(let variable, _) = args[2] else {
            error(.eachLineSyntax, at: d.keywordRange)
            return nil
        }
        var each = EachLine(listFile: list, variable: variable)
        for (key, range, value) in d.named where key != "allow_empty" {
            guard key == "matching" else {
                error(.unknownEachLineOption(key), at: range, notes: Suggestions.note(for: key, in: ["matching", "allow_empty"]))
                continue
            }
            each.pattern = valuePattern(value)
        }
        guard let block = requireBlock(d) else { return nil }
        for inner in block {
            if let task = buildTask(inner, context: .eachLine) {
                each.body.append(task)
                continue
            }
            if ["hivevar", "hiveconf"].contains(inner.keyword), applyScope(inner, to: &each.scope, allowParams: false) { continue }
            if !ASTBuilder.Context.tasks.contains(inner.keyword) { unknown(inner, in: .eachLine) }
        }
        if each.body.isEmpty { error(.eachLineHasNothingToRun, at: d.keywordRange, notes: ["add statement or file lines in its block"]) }
        return each
    }
}

extension ASTBuilder {
    static let taskTableKeys = ["reads", "writes", "alone"]

    /// `reads=[...]`, `writes=[...]`, `alone=BOOL` on any task, removed from the directive's arguments.
    mutating func taskTableOptions(_ d: inout Directive) -> TaskTableOptions {
        var options = TaskTableOptions()
        for (key, range, value) in d.named where Self.taskTableKeys.contains(key) {
            switch key {
            case "reads":
                if options.reads != nil { error(.setTwice(key), at: range) }
                options.reads = stringList(value)
            case "writes":
                if options.writes != nil { error(.setTwice(key), at: range) }
                options.writes = stringList(value)
            default:
                options.alone = bool(value, what: key) ?? false
            }
        }
        d.arguments.removeAll { argument in
            if case .named(let key, _, _) = argument { return Self.taskTableKeys.contains(key) }
            return false
        }
        return options
    }

    /// `matching="RE"`: a constant string that compiles as a `ValuePattern`.
    mutating func valuePattern(_ e: Expression) -> Located<ValuePattern>? {
        guard case .string(let literal) = e, let text = literal.constant else {
            error(.matchingNeedsLiteral, at: e.range, notes: ["for example matching=\"[a-z_]+\\\\.[a-z_]+\""])
            return nil
        }
        do {
            return Located(try ValuePattern(text), literal.range)
        } catch let problem {
            error(.invalidPattern(text, problem.message, problem.offset + 1), at: literal.range, notes: [ValuePattern.syntaxNote])
            return nil
        }
    }
}
