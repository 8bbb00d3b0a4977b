import Foundation
import PipelineDSL

extension PlanBuilder {
    mutating func expand(_ source: TaskSource, _ context: TaskContext, _ keys: inout TaskKeys) -> [PlanTask] {
        if let condition = source.condition, ConditionEvaluator.evaluate(condition, &variables, bindings: context.bindings) != true { return [] }
        let location = source.range.start
        func task(_ key: String, _ work: TaskWork, _ ctx: TaskContext = context) -> PlanTask {
            PlanTask(key: keys.key(key), work: work, engine: ctx.engine, hivevars: resolve(ctx.hivevars, ctx), hiveconf: resolve(ctx.hiveconf, ctx), location: location)
        }
        switch source.kind {
        case .files(let literals):
            return literals.compactMap { literal in
                guard let relative = variables.interpolate(literal, bindings: context.bindings) else { return nil }
                let path = PathUtilities.join(sqlRoot, relative)
                if !FileManager.default.fileExists(atPath: path) {
                    diagnostics.append(.warning("file not found: \(path)", at: literal.range, code: .missingFile))
                }
                return task(relative, .hqlFile(path: path, relative: relative))
            }
        case .glob(let patternLiteral, let excluding):
            guard let pattern = variables.interpolate(patternLiteral, bindings: context.bindings) else { return [] }
            let excludes = excluding.compactMap { variables.interpolate($0, bindings: context.bindings) }.map(Glob.init)
            let glob = Glob(pattern)
            let matches = sqlFiles().filter { file in
                glob.matches(segments: file.segments) && !excludes.contains { $0.matches(segments: file.segments) }
            }.map(\.path)
            if matches.isEmpty {
                diagnostics.append(.warning("glob '\(pattern)' matches no file under \(sqlRoot)", at: patternLiteral.range, code: .emptyGlob))
            }
            return matches.map { task($0, .hqlFile(path: PathUtilities.join(sqlRoot, $0), relative: $0)) }
        case .statement(let literal):
            guard let sql = variables.interpolate(literal, bindings: context.bindings) else { return [] }
            return [markSecret(task("statement", .hqlStatement(sql)))]
        case .command(let literals, let environment):
            guard let command = commandParts(literals, environment, context) else { return [] }
            var made = task("command:" + (command.argv.first.map { PathUtilities.stem(of: $0) } ?? ""), .command(command.argv))
            (made.environment, made.passedEnvironment) = (command.environment, command.passed)
            return [made]
        case .action(let name, let options):
            guard BuiltinAction(rawValue: name) != nil else {
                error("unknown action '\(name)'", at: source.range, notes: Suggestions.note(for: name, in: BuiltinAction.allCases.map(\.rawValue)) + ["actions: " + BuiltinAction.allCases.map(\.rawValue).joined(separator: ", ")])
                return []
            }
            let arguments = options.compactMap { o in variables.evaluate(o.value, bindings: context.bindings).map { KeyValue(o.key, $0) } }
            return [task("action:\(name)", .action(name: name, arguments: arguments))]
        case .eachLine(let each):
            return expandEachLine(each, source: source, context, &keys)
        }
    }

    /// One task per line of the list file; the body's statements become one script per line.
    private mutating func expandEachLine(_ each: EachLine, source: TaskSource, _ context: TaskContext, _ keys: inout TaskKeys) -> [PlanTask] {
        guard let relative = variables.interpolate(each.listFile, bindings: context.bindings) else { return [] }
        let path = PathUtilities.join(sqlRoot, relative)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            diagnostics.append(.warning("list file not found: \(path)", at: each.listFile.range, code: .missingListFile))
            return []
        }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        if lines.isEmpty { diagnostics.append(.warning("list file \(path) has no lines", at: each.listFile.range, code: .emptyListFile)) }
        var tasks: [PlanTask] = []
        for line in lines {
            var ctx = context
            ctx.bindings[each.variable] = line
            ctx.hivevars.append(each.scope.hivevars)
            ctx.hiveconf.append(each.scope.hiveconf)
            var statements: [String] = []
            var fileSources: [TaskSource] = []
            for body in each.body {
                if let condition = body.condition, ConditionEvaluator.evaluate(condition, &variables, bindings: ctx.bindings) != true { continue }
                switch body.kind {
                case .statement(let literal):
                    if let sql = variables.interpolate(literal, bindings: ctx.bindings) { statements.append(Self.terminated(sql)) }
                default:
                    fileSources.append(TaskSource(kind: body.kind, range: body.range))
                }
            }
            if !statements.isEmpty {
                tasks.append(markSecret(PlanTask(
                    key: keys.key("\(each.variable)=\(line)"), work: .hqlStatement(statements.joined(separator: "\n")), engine: ctx.engine,
                    hivevars: resolve(ctx.hivevars, ctx), hiveconf: resolve(ctx.hiveconf, ctx), location: source.range.start)))
            }
            for file in fileSources { tasks += expand(file, ctx, &keys) }
        }
        return tasks
    }

    /// A statement holding a secret's value must not become `-e SQL` (see `EngineCommand`).
    func markSecret(_ task: PlanTask) -> PlanTask {
        guard case .hqlStatement(let sql) = task.work else { return task }
        var task = task
        task.statementIsSecret = variables.secretValues.contains { sql.contains($0) }
        return task
    }

    static func terminated(_ sql: String) -> String {
        let trimmed = sql.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.hasSuffix(";") ? trimmed : trimmed + ";"
    }

    /// Outer scopes first; an inner assignment replaces the value but keeps the outer position.
    mutating func resolve(_ scopes: [[Assignment]], _ context: TaskContext) -> [KeyValue] {
        var out: [KeyValue] = []
        for scope in scopes {
            for assignment in scope {
                if let condition = assignment.condition, ConditionEvaluator.evaluate(condition, &variables, bindings: context.bindings) != true { continue }
                let value = variables.evaluate(assignment.value, bindings: context.bindings) ?? ""
                let secret = variables.secretValues.contains { value.contains($0) }
                let pair = KeyValue(assignment.key, value, isSecret: secret)
                if let i = out.firstIndex(where: { $0.key == assignment.key }) { out[i] = pair } else { out.append(pair) }
            }
        }
        return out
    }

    /// Every regular file under the SQL root, relative, sorted bytewise.
    mutating func sqlFiles() -> [(path: String, segments: [[Unicode.Scalar]])] {
        if let listing { return listing }
        var files = DirectoryListing.files(under: sqlRoot)
        files.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let split = files.map { ($0, Glob.split($0)) }
        listing = split
        return split
    }
}
