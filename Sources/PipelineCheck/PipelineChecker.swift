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
        var reader = HQLReader(readFile: readFile)
        var files = Set<String>()
        var sources = sources
        let mask = SecretMask(plan: plan)

        for step in plan.steps {
            if case .skippedCondition(let condition) = step.disposition {
                if step.tasks.contains(where: \.runsHQL) {
                    diagnostics.append(Diagnostic(
                        CheckMessage.stepNotChecked(step: step.name, condition: condition), at: SourceRange(step.location)))
                }
                continue
            }
            var stepTasks: [String: CheckedTask] = [:]
            for hql in reader.tasks(of: step) {
                let isFile = if case .hqlFile = hql.task.work { true } else { false }
                if isFile { files.insert(hql.file) }
                let source: String
                switch hql.source {
                case .success(let text):
                    source = text
                    if isFile { sources[hql.file] = text }
                case .failure(let error):
                    diagnostics.append(Diagnostic(Self.message(for: error, path: hql.file), at: SourceRange(hql.task.location)))
                    continue
                }
                let checked = CheckedTask(
                    id: tasks.count, order: .init(step: step.index, wave: hql.waveIndex), stepName: step.name,
                    waveName: hql.wave.name, waveCount: step.waves.count, tableOrder: step.order == .tables, task: hql.task,
                    file: hql.file, analysis: HQLFileAnalysis(source: source, variables: hql.task.hiveVariables), source: source)
                diagnostics += VariableCheck.diagnostics(for: checked)
                tasks.append(checked)
                stepTasks[hql.task.key] = checked
            }
            diagnostics += TableGraphCheck(step: step, checked: stepTasks, mask: mask).diagnostics()
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
