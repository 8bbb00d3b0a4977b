import PipelineDSL

/// One planning pass. Collects diagnostics instead of stopping at the first problem.
struct PlanBuilder {
    let file: PipelineFile
    let request: PlanRequest
    var variables: VariableTable
    var diagnostics: [Diagnostic] = []
    var profile: Profile?
    var sqlRoot = "."
    /// Files under the SQL root, relative, sorted, pre-split for matching; listed once for all globs.
    var listing: [(path: String, segments: [[Unicode.Scalar]])]?
    /// List files read while planning, by path, so a diagnostic on one of their lines can quote it.
    var sources: [String: String] = [:]
    /// Whether the step being expanded runs in this plan (see `inputProblem`).
    var stepDisposition = StepDisposition.run

    static let runParameters: [(name: String, flag: String, fallback: String?)] = [
        ("correlation_id", "--correlation-id", nil), ("s3_prefix", "--s3-prefix", "NOT_SET"),
        ("snapshot_type", "--snapshot-type", "NOT_SET"), ("export_date", "--export-date", nil),
    ]

    static func byPosition(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        (a.range.start.file, a.range.start.line, a.range.start.column) < (b.range.start.file, b.range.start.line, b.range.start.column)
    }

    init(file: PipelineFile, request: PlanRequest) {
        self.file = file
        self.request = request
        self.variables = VariableTable(environment: request.environment)
    }

    var fileStart: SourceRange { SourceRange(start: SourceLocation(file: request.file, line: 1, column: 1), length: 1) }

    mutating func error(_ message: PlanMessage, at range: SourceRange, notes: [String] = []) {
        diagnostics.append(Diagnostic(message, at: range, notes: notes))
    }

    /// A task input that is missing, empty or rejected: the plan cannot do what the file says, so an error for
    /// `plan` and `run`. In a step that does not run in this plan (condition false, `--from`/`--only`) it is only
    /// a warning, since nothing would run with it. `check` defers it: a coded warning it reports as its own
    /// finding, except in a step skipped by its condition, whose SQL `check` does not look at (and says so).
    mutating func inputProblem(_ message: PlanMessage, at range: SourceRange, notes: [String] = []) {
        if request.deferInputErrors {
            if case .skippedCondition = stepDisposition { return }
            diagnostics.append(Diagnostic(message, at: range, notes: notes, severity: .warning))
        } else if stepDisposition != .run {
            diagnostics.append(Diagnostic(message, at: range, notes: notes + ["not an error here: this step does not run in this plan"], severity: .warning))
        } else {
            diagnostics.append(Diagnostic(message, at: range, notes: notes))
        }
    }

    mutating func build() -> Plan? {
        selectProfile()
        defineVariables()
        resolveSQLRoot()
        let settings = EffectiveSettings(layers: [file.settings, profile?.settings].compactMap { $0 })
        let engines = engineSettings(settings)
        let metastore = metastoreSettings()
        let metrics = metricsSettings()
        validateSelection()
        let steps = file.steps.enumerated().map { index, step in planStep(step, index: index + 1, inherited: settings) }
        checkHiveServer2(settings, engines: engines, steps: steps)
        let resolved = variables.resolvedVariables()
        diagnostics += variables.diagnostics
        variables.diagnostics = []
        guard !diagnostics.hasErrors else { return nil }
        func value(_ name: String) -> String { resolved.first { $0.name == name }?.value ?? "" }
        let plan = Plan(
            pipeline: file.name?.value ?? PathUtilities.stem(of: request.file), product: file.product?.value ?? "PDM",
            file: request.file, profile: profile?.name, sqlRoot: sqlRoot,
            run: RunParameters(correlationID: value("correlation_id"), s3Prefix: value("s3_prefix"), snapshotType: value("snapshot_type"), exportDate: value("export_date")),
            variables: resolved, engines: engines, metastore: metastore, steps: steps, metrics: metrics,
            selection: request.from == nil && request.only.isEmpty ? nil : StepSelection(from: request.from, only: request.only),
            onCompleted: file.onCompleted?.value ?? .refuse)
        return plan
    }

    /// `--sql-root` (relative to the working directory) wins over the file's `sql` directive (relative to the
    /// file); either way the built-in `sql_root` holds the root as an absolute path, for commands that take a
    /// file of the SQL tree as an argument.
    private mutating func resolveSQLRoot() {
        if let given = request.sqlRoot {
            sqlRoot = PathUtilities.normalize(given)
            if request.fileSystem.kind(PathUtilities.join(request.workingDirectory, given)) != .folder {
                error(.sqlRootNotFolder(given), at: fileStart)
            }
        } else if let root = file.sqlRoot {
            sqlRoot = PathUtilities.join(PathUtilities.directory(of: request.file), variables.interpolate(root.value, bindings: [:]) ?? ".")
        } else {
            sqlRoot = PathUtilities.directory(of: request.file)
        }
        variables.define("sql_root", .constant(PathUtilities.join(request.workingDirectory, sqlRoot)), source: .builtin)
    }

    private mutating func selectProfile() {
        guard let name = request.profile ?? file.defaultProfile?.value else { return }
        if let p = file.profiles.first(where: { $0.name == name }) {
            profile = p
            return
        }
        let names = file.profiles.map(\.name)
        let at = request.profile == nil ? file.defaultProfile!.range : fileStart
        error(.unknownProfile(name), at: at, notes: Suggestions.note(for: name, in: names) + ["profiles in this file: \(names.isEmpty ? "none" : names.joined(separator: ", "))"])
    }

    private mutating func defineVariables() {
        let builtins: [(String, String)] = [
            ("pipeline", file.name?.value ?? PathUtilities.stem(of: request.file)), ("product", file.product?.value ?? "PDM"),
            ("profile", profile?.name ?? ""), ("today", request.today),
            ("pipeline_dir", PathUtilities.join(request.workingDirectory, PathUtilities.directory(of: request.file))),
        ]
        for (name, value) in builtins { variables.define(name, .constant(value), source: .builtin) }
        for p in Self.runParameters {
            let fallback = p.name == "export_date" ? request.today : p.fallback
            variables.define(p.name, fallback.map(VariableTable.Definition.constant) ?? .missing, source: .builtin)
        }
        for decl in file.scope.variables {
            if decl.kind == .param, decl.value == nil, Self.runParameters.contains(where: { $0.name == decl.name }) { continue }
            variables.define(decl.name, decl.value.map(VariableTable.Definition.expression) ?? .missing, source: .pipelineDefault(decl.range.start), secret: decl.kind == .secret, range: decl.range)
        }
        if let profile {
            for decl in profile.scope.variables {
                variables.define(decl.name, decl.value.map(VariableTable.Definition.expression) ?? .missing, source: .profile(profile.name, decl.range.start), secret: decl.kind == .secret, range: decl.range)
            }
        }
        let flags: [(String, String?)] = [
            ("correlation_id", request.correlationID), ("s3_prefix", request.s3Prefix),
            ("snapshot_type", request.snapshotType), ("export_date", request.exportDate),
        ]
        for case (let name, let value?) in flags { variables.define(name, .constant(value), source: .runParameter) }
        for kv in request.variables {
            guard variables.isDefined(kv.key) else {
                error(.unknownVariableOverride(kv.key), at: fileStart, notes: Suggestions.note(for: kv.key, in: variables.names))
                continue
            }
            variables.define(kv.key, .constant(kv.value), source: .commandLine)
        }
        for name in variables.names {
            guard case .missing = variables.entries[name]!.definition else { continue }
            let flag = Self.runParameters.first { $0.name == name }.map { $0.flag + " VALUE" } ?? "--var \(name)=VALUE"
            if request.requireRunParameters {
                error(.missingRunParameter(name, flag), at: variables.entries[name]!.range ?? fileStart)
            } else {
                variables.define(name, .constant("<\(name)>"), source: .builtin)
            }
        }
    }

    private mutating func validateSelection() {
        let names = file.steps.map(\.name)
        for name in [request.from].compactMap({ $0 }) + request.only where !names.contains(name) {
            error(.unknownStep(name), at: fileStart, notes: Suggestions.note(for: name, in: names) + ["steps: \(names.joined(separator: ", "))"])
        }
    }
}

extension PathUtilities {
    static func stem(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".pipe") ? String(name.dropLast(5)) : name
    }
}
