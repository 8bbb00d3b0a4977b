import PipelinePlan

/// Which task of a step to start next: the scheduler's choice, as a pure value. Tasks are numbered as in
/// `PlanStep.tasks`; the queue knows which of them it must run and what each waits for (`TaskGraph.after`).
///
/// A task is ready once every task it waits for has finished and succeeded (in an `on_failure ignore` step, once
/// they have finished: every task of such a step runs, as with waves). Among the ready, the highest priority
/// first (then file order). A task marked `alone` starts only when nothing runs, and nothing starts beside it;
/// while it waits for the others to end, nothing else starts either, so it is never passed over for ever.
/// How many run at once is the scheduler's business (`next()` is asked while a slot is free).
struct LaunchQueue: Sendable {
    private var waitingFor: [Int: Int]
    private var successors: [[Int]]
    private var ready: [Int] = []
    private let priority: [Double]
    private let alone: [Bool]
    private let failureReleases: Bool
    private(set) var running: Set<Int> = []

    /// `tasks`: those to run, in any order; every other task of the graph counts as done (an earlier wave, or
    /// done in the run being resumed).
    init(graph: TaskGraph, tasks: [Int], priority: [Double], failureReleases: Bool) {
        let pending = Set(tasks)
        self.priority = priority
        self.alone = graph.nodes.map(\.alone)
        self.failureReleases = failureReleases
        successors = Array(repeating: [], count: graph.count)
        waitingFor = [:]
        for j in pending {
            let predecessors = graph.after[j].map(\.task).filter(pending.contains)
            waitingFor[j] = predecessors.count
            for i in predecessors { successors[i].append(j) }
        }
        ready = pending.filter { waitingFor[$0] == 0 }
        sortReady()
    }

    /// Tasks in the given order, none waiting for another: how waves run inside themselves.
    init(inOrder tasks: [Int], count: Int, alone: [Bool]) {
        self.priority = (0..<count).map { -Double($0) }
        self.alone = alone
        self.failureReleases = true
        successors = Array(repeating: [], count: count)
        waitingFor = Dictionary(uniqueKeysWithValues: tasks.map { ($0, 0) })
        ready = tasks
        sortReady()
    }

    /// The task to start now, marked running; nil when none may start yet (none ready, or an `alone` task runs or
    /// waits for the running ones to end).
    mutating func next() -> Int? {
        guard let first = ready.first, !running.contains(where: { alone[$0] }) else { return nil }
        if alone[first], !running.isEmpty { return nil }
        ready.removeFirst()
        running.insert(first)
        return first
    }

    mutating func finished(_ task: Int, succeeded: Bool) {
        // A failed task's dependents never become ready (unless failures release them).
        guard running.remove(task) != nil, succeeded || failureReleases else { return }
        for j in successors[task] {
            waitingFor[j, default: 0] -= 1
            if waitingFor[j] == 0 { ready.append(j) }
        }
        sortReady()
    }

    /// Nothing runs and nothing can start: the step's work is over (tasks after a failure never start).
    var isDone: Bool { running.isEmpty && ready.isEmpty }

    private mutating func sortReady() {
        ready.sort { (priority[$0], -$0) > (priority[$1], -$1) }
    }
}

/// The tasks of a step the scheduler runs together, with the queue that picks among them: each wave in turn
/// (`order waves`), or the whole step at once on its task graph (`order tables`). Tasks done in the run being
/// resumed are left out; a task waiting for one of them does not wait.
struct LaunchGroup: Sendable {
    /// The wave, when waves are barriers; nil for the whole step in table order.
    var wave: PlanWave?
    /// Indices into `PlanStep.tasks`.
    var tasks: [Int]
    var queue: LaunchQueue

    /// "wave 2", or "step model" for table order: what the scheduler names when tasks were left unstarted.
    func name(in step: PlanStep) -> String { wave.map { "wave \($0.name)" } ?? "step \(step.name)" }

    static func groups(_ step: PlanStep, carried: Set<String>) -> [LaunchGroup] {
        let all = step.tasks
        let alone = all.map(\.alone)
        switch step.order {
        case .tables:
            let tasks = all.indices.filter { !carried.contains(all[$0].key) }
            guard !tasks.isEmpty else { return [] }
            let graph = TaskGraph(step)
            let queue = LaunchQueue(
                graph: graph, tasks: tasks, priority: graph.remaining(step.expectedSeconds),
                failureReleases: step.onFailure == .ignore)
            return [LaunchGroup(wave: nil, tasks: tasks, queue: queue)]
        case .waves:
            var groups: [LaunchGroup] = []
            var first = 0
            for wave in step.waves {
                defer { first += wave.tasks.count }
                let tasks = (first..<first + wave.tasks.count).filter { !carried.contains(all[$0].key) }
                guard !tasks.isEmpty else { continue }
                groups.append(LaunchGroup(wave: wave, tasks: tasks, queue: LaunchQueue(inOrder: tasks, count: all.count, alone: alone)))
            }
            return groups
        }
    }
}
