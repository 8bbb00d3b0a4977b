import Foundation
import HQLAnalysis
import PipelineDSL
import PipelinePlan

/// `pdm-pipeline check`'s analysis: reads every HQL file a plan runs (through an injected closure, so tests
/// need no disk) and reports missing files, unbound variables and table order problems.
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

    /// All findings for `plan`, in plan order. `planFindings` (from the planner's own warnings, such as empty
    /// globs) come first. Steps skipped by their condition are not checked, and say so.
    public func check(_ plan: Plan, planFindings: [Finding] = []) -> CheckReport {
        var findings = planFindings
        var tasks: [CheckedTask] = []
        var contents: [String: Result<String, any Error>] = [:]
        var files = Set<String>()

        for step in plan.steps {
            if case .skippedCondition(let condition) = step.disposition {
                if step.tasks.contains(where: \.runsHQL) {
                    findings.append(Finding(
                        severity: .info, code: .stepNotChecked,
                        message: "step '\(step.name)' is skipped, so its SQL is not checked: \(condition)", location: step.location))
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
                        case .failure(let error):
                            findings.append(Finding(
                                severity: .error, code: .missingFile, message: Self.describe(error, path: path), location: task.location))
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
                        analysis: HQLFileAnalysis(source: source, variables: task.hiveVariables))
                    findings += VariableCheck.findings(for: checked)
                    tasks.append(checked)
                }
            }
        }
        findings += TableOrderCheck(tasks: tasks).findings()
        return CheckReport(findings: Self.unique(findings), tasksChecked: tasks.count, filesChecked: files.count)
    }

    static func describe(_ error: any Error, path: String) -> String {
        if let error = error as? CheckError { return error.description }
        return "cannot read HQL file '\(path)': \(error)"
    }

    /// A file shared by several tasks with the same bindings would repeat the same finding.
    static func unique(_ findings: [Finding]) -> [Finding] {
        var seen = Set<Finding>()
        return findings.filter { seen.insert($0).inserted }
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
