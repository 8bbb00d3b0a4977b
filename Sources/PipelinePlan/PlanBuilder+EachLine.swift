import Foundation
import PipelineDSL

extension PlanBuilder {
    /// One task per value of the list file; the body's statements become one script per value. Values go into
    /// SQL text and file paths, so every one must match the step's pattern (a Hive identifier by default):
    /// `x; DROP DATABASE uc` or `${env:AWS_SECRET_ACCESS_KEY}` is an error at the list file's line, not SQL.
    mutating func expandEachLine(_ each: EachLine, source: TaskSource, _ context: TaskContext, _ keys: inout TaskKeys) -> [PlanTask] {
        guard let relative = variables.interpolate(each.listFile, bindings: context.bindings) else { return [] }
        let path = PathUtilities.join(sqlRoot, relative)
        let list: ListFile
        switch ListFile.read(path, from: request.fileSystem) {
        case .success(let file):
            list = file
        case .failure(let problem):
            inputProblem(ListFile.message(problem, path: path), at: each.listFile.range)
            return []
        }
        sources[path] = list.text
        if list.values.isEmpty, !source.allowEmpty {
            inputProblem(
                .emptyListFile(path), at: each.listFile.range,
                notes: ["if the step may legitimately have nothing to do, say so: each_line \"\(relative)\" as \(each.variable) allow_empty=true"])
        }
        let pattern = each.pattern?.value ?? .identifier
        var tasks: [PlanTask] = []
        for value in list.values {
            guard pattern.matches(value.text) else {
                reject(value, in: path, each: each, source: source, pattern: pattern)
                continue
            }
            tasks += instantiate(each, source: source, value: value.text, context, &keys)
        }
        return tasks
    }

    private mutating func instantiate(_ each: EachLine, source: TaskSource, value: String, _ context: TaskContext, _ keys: inout TaskKeys) -> [PlanTask] {
        var ctx = context
        ctx.bindings[each.variable] = value
        ctx.hivevars.append(each.scope.hivevars)
        ctx.hiveconf.append(each.scope.hiveconf)
        var statements: [String] = []
        var fileSources: [TaskSource] = []
        // The script's declarations: the each_line's and its statements' together.
        var declared = source.tables
        for body in each.body {
            if let condition = body.condition, ConditionEvaluator.evaluate(condition, &variables, bindings: ctx.bindings) != true { continue }
            switch body.kind {
            case .statement(let literal):
                if let sql = variables.interpolate(literal, bindings: ctx.bindings) { statements.append(Self.terminated(sql)) }
                declared = declared.adding(body.tables)
            default:
                var file = TaskSource(kind: body.kind, range: body.range)
                file.tables = body.tables.adding(source.tables)
                fileSources.append(file)
            }
        }
        var tasks: [PlanTask] = []
        if !statements.isEmpty {
            let script = markSecret(PlanTask(
                key: keys.key("\(each.variable)=\(value)"), work: .hqlStatement(statements.joined(separator: "\n")), engine: ctx.engine,
                hivevars: resolve(ctx.hivevars, ctx), hiveconf: resolve(ctx.hiveconf, ctx), location: source.range.start))
            tasks += declare(declared, on: [script], ctx)
        }
        for file in fileSources { tasks += expand(file, ctx, &keys) }
        return tasks
    }

    /// At the value itself (`list.txt:3:1`), quoted and marked, with a note back to the directive.
    private mutating func reject(_ value: ListFile.Value, in path: String, each: EachLine, source: TaskSource, pattern: ValuePattern) {
        // Quoted with control characters escaped: a hostile line must not drive the terminal either.
        let scalars = value.text.unicodeScalars
        let shown = (scalars.count > 80 ? Array(scalars.prefix(77)) : Array(scalars))
            .map { $0.value < 0x20 || $0.value == 0x7F ? $0.escaped(asASCII: true) : String($0) }.joined() + (scalars.count > 80 ? "..." : "")
        let declared = each.pattern.map { "the pattern declared at \($0.range.start)" } ?? "a Hive identifier, the default"
        var notes = ["values of each_line '\(each.variable)' (\(source.range.start)) must match \(pattern.source) (\(declared)): they go into SQL as they are"]
        if each.pattern == nil { notes.append("to allow other values, declare them: each_line \"...\" as \(each.variable) matching=\"[a-z_]+\\\\.[a-z_]+\"") }
        inputProblem(
            .invalidListValue(shown, pattern.source),
            at: SourceRange(start: SourceLocation(file: path, line: value.line, column: value.column), length: value.text.unicodeScalars.count), notes: notes)
    }
}
