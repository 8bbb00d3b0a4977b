import Diagnostics
import HQLAnalysis
import PipelinePlan

/// What `check` says about a step that runs in table order (`TaskGraph`): the barriers (what could not be read, and
/// why), the declared waves the tables contradict, and the reads that keep their file order because of a cycle.
struct TableGraphCheck {
    let step: PlanStep
    /// The step's HQL tasks as `check` read them, by task key (missing files are reported elsewhere).
    let checked: [String: CheckedTask]
    /// A reason quotes the SQL after substitution, where a secret's value may have gone.
    let mask: SecretMask

    func diagnostics() -> [Diagnostic] {
        // A barrier, a cycle or a wave means nothing in a step of one task.
        guard step.order == .tables, step.tasks.count > 1 else { return [] }
        let graph = TaskGraph(step)
        let tasks = step.tasks
        var diagnostics = tasks.flatMap(barriers)
        diagnostics += contradictions(graph, tasks)
        diagnostics += graph.kept.map { kept in
            let writer = tasks[kept.writer]
            let at = writeLocation(writer, kept.table)
            return Diagnostic(
                CheckMessage.keptFileOrder(table: kept.table, writer: name(writer), at: at),
                at: readRange(tasks[kept.reader], kept.table), related: at)
        }
        return diagnostics
    }

    /// Each statement that makes the task a barrier, where it is written; a command or action at the task.
    func barriers(_ task: PlanTask) -> [Diagnostic] {
        guard task.declared == nil else { return [] }
        let lift = "declare what the task reads and writes to lift it: reads=[\"db.table\", ...] writes=[...]"
        if let checked = checked[task.key] {
            return checked.analysis.opaque.map { opaque in
                Diagnostic(
                    CheckMessage.barrier(mask.apply(opaque.description)),
                    at: checked.range(opaque.position, length: checked.nameLength(at: opaque.position)), notes: [lift])
            }
        }
        guard !task.runsHQL, let why = task.tables?.unknown.first else { return [] }
        return [Diagnostic(CheckMessage.barrier(mask.apply(why)), at: SourceRange(task.location), notes: [lift])]
    }

    /// Declared waves say a reader's wave comes first; the tables run the writer of a later wave first.
    func contradictions(_ graph: TaskGraph, _ tasks: [PlanTask]) -> [Diagnostic] {
        guard step.waves.count > 1 else { return [] }
        var wave: [Int] = []
        for (w, planWave) in step.waves.enumerated() { wave += Array(repeating: w, count: planWave.tasks.count) }
        var diagnostics: [Diagnostic] = []
        for (j, edges) in graph.after.enumerated() {
            for edge in edges {
                guard case .reads(let table) = edge.reason, wave[edge.task] > wave[j] else { continue }
                let writer = tasks[edge.task]
                let at = writeLocation(writer, table)
                diagnostics.append(Diagnostic(
                    CheckMessage.waveOrderContradictsTables(
                        table: table, writer: name(writer), writerWave: step.waves[wave[edge.task]].name,
                        readerWave: step.waves[wave[j]].name, at: at),
                    at: readRange(tasks[j], table), related: at))
            }
        }
        return diagnostics
    }

    func name(_ task: PlanTask) -> String { task.displayName(in: step) }

    /// Where `task` writes `table`: the statement in its SQL, else the task in the pipeline file (declared).
    func writeLocation(_ task: PlanTask, _ table: String) -> SourceLocation {
        guard let checked = checked[task.key], let access = checked.analysis.tables.first(where: { $0.kind == .write && $0.table == table })
        else { return task.location }
        return checked.location(access.position)
    }

    func readRange(_ task: PlanTask, _ table: String) -> SourceRange {
        guard let checked = checked[task.key], let access = checked.analysis.tables.first(where: { $0.kind == .read && $0.table == table })
        else { return SourceRange(task.location) }
        return checked.range(access.position, length: checked.nameLength(at: access.position))
    }
}
