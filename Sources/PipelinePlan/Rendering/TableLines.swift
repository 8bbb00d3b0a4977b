import Foundation

/// What `plan` prints about a step's tables: for each task what it reads and writes and, in table order, what it
/// waits for and why; for the step, its critical path (with the last run's times, when known).
struct TableLines {
    let step: PlanStep
    /// `step.tasks` once: it is built from the waves at each use, and `lines(for:)` runs per task.
    let tasks: [PlanTask]
    let display: PlanDisplay
    let graph: TaskGraph?

    init(_ step: PlanStep, display: PlanDisplay) {
        self.step = step
        self.tasks = step.tasks
        self.display = display
        graph = step.order == .tables ? TaskGraph(step) : nil
    }

    /// "critical path 9.1 s (times of the last run): a → b → c", or by task count without times.
    var header: [String] {
        guard let graph, graph.count > 0 else { return [] }
        let timed = tasks.contains { $0.expectedSeconds != nil }
        let path = graph.criticalPath(step.expectedSeconds)
        let names = path.tasks.map { tasks[$0].displayName(in: step) }.joined(separator: " → ")
        let length = timed ? String(format: "%.1f s (times of the last run)", path.seconds) : "\(path.tasks.count) task\(path.tasks.count == 1 ? "" : "s") (no run recorded yet)"
        return ["critical path \(length): \(names)"]
    }

    func lines(for task: Int) -> [String] {
        let planTask = tasks[task]
        guard let tables = planTask.tables else { return [] }
        var lines: [String] = []
        var facts: [String] = []
        if !tables.reads.isEmpty { facts.append("reads " + tables.reads.joined(separator: ", ")) }
        if !tables.writes.isEmpty { facts.append("writes " + tables.writes.joined(separator: ", ")) }
        if planTask.declared != nil { facts.append("declared") }
        if planTask.alone { facts.append("alone") }
        if !facts.isEmpty { lines.append(facts.joined(separator: " · ")) }
        if let graph {
            lines += tables.unknown.map { "barrier: " + $0 }
            let waits = graph.after[task].map { "\(tasks[$0.task].displayName(in: step)) (\($0.reason.text))" }
            if !waits.isEmpty { lines.append("after " + waits.joined(separator: ", ")) }
        }
        // A table name may come from a secret's value (a hivevar): masked like every other line of the plan.
        return lines.map(display.mask)
    }
}
