import Diagnostics
import Foundation
import HQLAnalysis
import PipelineDSL
import PipelinePlan

/// `pdm-pipeline check`'s analysis: reads every HQL file a plan runs (through an injected closure, so tests
/// need no disk) and reports missing files, unbound variables and table order problems as diagnostics.
public struct PipelineChecker: Sendable {
    public typealias ReadFile = @Sendable (_ path: String) throws -> String

    let readFile: ReadFile

    public init(readFile: @escaping ReadFile) {
        self.readFile = readFile
    }

    /// Reads from the local disk, distinguishing a missing file from an unreadable one.
    public static let disk: ReadFile = { path in
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw CheckError.fileNotFound(path)
        }
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CheckError.unreadable(path, reason: "not readable as UTF-8 text")
        }
    }

    /// All diagnostics for `plan`, in plan order. The planner's own warnings (`plannerWarnings`, with the
    /// `sources` it read) come first, reclassified for `check` (`plannerDiagnostics`). Steps skipped by their
    /// condition are not checked, and say so.
    public func check(_ plan: Plan, plannerWarnings: [Diagnostic] = [], sources: [String: String] = [:]) -> CheckReport {
        var diagnostics = Self.plannerDiagnostics(plannerWarnings)
        var tasks: [CheckedTask] = []
        var contents: [String: Result<String, any Error>] = [:]
        var files = Set<String>()
        var sources = sources

        for step in plan.steps {
            if case .skippedCondition(let condition) = step.disposition {
                if step.tasks.contains(where: \.runsHQL) {
                    diagnostics.append(Diagnostic(
                        CheckMessage.stepNotChecked(step: step.name, condition: condition), at: SourceRange(step.location)))
                }
                continue
            }
            for (waveIndex, wave) in step.waves.enumerated() {
                for task in wave.tasks {
                    let source: String
                    let file: String
                    switch task.work {
                    case .hqlFile(let path, _):
                        file = path
                        files.insert(path)
                        let read = contents[path] ?? Result { try readFile(path) }
                        contents[path] = read
                        switch read {
                        case .success(let text):
                            source = text
                            sources[path] = text
                        case .failure(let error):
                            diagnostics.append(Diagnostic(Self.message(for: error, path: path), at: SourceRange(task.location)))
                            continue
                        }
                    case .hqlStatement(let statement):
                        file = task.location.file
                        source = statement
                    case .command, .action:
                        continue
                    }
                    let checked = CheckedTask(
                        id: tasks.count, order: .init(step: step.index, wave: waveIndex), stepName: step.name,
                        waveName: wave.name, waveCount: step.waves.count, task: task, file: file,
                        analysis: HQLFileAnalysis(source: source, variables: task.hiveVariables), source: source)
                    diagnostics += VariableCheck.diagnostics(for: checked)
                    tasks.append(checked)
                }
            }
        }
        diagnostics += TableOrderCheck(tasks: tasks).diagnostics()
        return CheckReport(diagnostics: Self.unique(diagnostics), tasksChecked: tasks.count, filesChecked: files.count, sources: sources)
    }

    /// The planner's warnings as `check` reports them. `check` plans with `deferInputErrors`, so the input
    /// problems that make `plan` and `run` refuse arrive as warnings and become errors again (an empty glob, a
    /// missing, unreadable or empty list file, a rejected list value). A missing HQL file is dropped: the
    /// checker reads every file itself and reports it there. Notes attached to nothing are dropped too.
    public static func plannerDiagnostics(_ warnings: [Diagnostic]) -> [Diagnostic] {
        warnings.compactMap { diagnostic in
            if diagnostic.severity == .note || PlanMessage.isHQLFileProblem(diagnostic.id) { return nil }
            var diagnostic = diagnostic
            if PlanMessage.isDeferredInput(diagnostic.id) { diagnostic.severity = .error }
            return diagnostic
        }
    }

    static func message(for error: any Error, path: String) -> CheckMessage {
        if let error = error as? CheckError { return error.message }
        return .fileUnreadable(path, reason: "\(error)")
    }

    /// A file shared by several tasks with the same bindings would repeat the same diagnostic.
    static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }
    }
}

extension PlanTask {
    var runsHQL: Bool {
        switch work {
        case .hqlFile, .hqlStatement: true
        case .command, .action: false
        }
    }

    /// The variables Hive sees for this task; later entries win, as on the command line.
    var hiveVariables: HiveVariables {
        var variables = HiveVariables()
        for pair in hivevars { variables.hivevars[pair.key] = pair.value }
        for pair in hiveconf { variables.hiveconf[pair.key] = pair.value }
        return variables
    }
}
