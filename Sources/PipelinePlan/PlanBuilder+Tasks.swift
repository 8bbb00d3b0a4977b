import Foundation
import PipelineDSL

extension PlanBuilder {
    mutating func expand(_ source: TaskSource, _ context: TaskContext, _ keys: inout TaskKeys) -> [PlanTask] {
        let tasks = expandKind(source, context, &keys)
        // An each_line hands its options to the tasks it makes, with its binding (`instantiate`).
        if case .eachLine = source.kind { return tasks }
        return declare(source.tables, on: tasks, context)
    }

    private mutating func expandKind(_ source: TaskSource, _ context: TaskContext, _ keys: inout TaskKeys) -> [PlanTask] {
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
                switch request.fileSystem.kind(path) {
                case .missing: inputProblem(.missingFile(path), at: literal.range)
                case .folder: inputProblem(.folderNotFile(path), at: literal.range, notes: ["to run every file in it, write glob \"\(relative)/*.sql\""])
                case .file, .special: break
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
            if matches.isEmpty, !source.allowEmpty {
                inputProblem(
                    .emptyGlob(pattern, sqlRoot), at: patternLiteral.range,
                    notes: ["if the step may legitimately match nothing, say so: glob \"\(pattern)\" allow_empty=true"])
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
                error(.unknownAction(name), at: source.range, notes: Suggestions.note(for: name, in: BuiltinAction.allCases.map(\.rawValue)) + ["actions: " + BuiltinAction.allCases.map(\.rawValue).joined(separator: ", ")])
                return []
            }
            if let implemented = request.implementedActions, !implemented.contains(name) {
                error(.actionNotImplemented(name), at: source.range, notes: ["this binary implements: " + (implemented.isEmpty ? "none" : implemented.sorted().joined(separator: ", "))])
                return []
            }
            let arguments = options.compactMap { o in variables.evaluate(o.value, bindings: context.bindings).map { KeyValue(o.key, $0) } }
            return [task("action:\(name)", .action(name: name, arguments: arguments))]
        case .eachLine(let each):
            return expandEachLine(each, source: source, context, &keys)
        }
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
        var files = request.fileSystem.files(sqlRoot)
        files.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let split = files.map { ($0, Glob.split($0)) }
        listing = split
        return split
    }
}
