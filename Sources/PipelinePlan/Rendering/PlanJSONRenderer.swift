import Basics
import Foundation

/// Machine-readable plan for tools: stable keys, every task's argv, secrets masked.
public enum PlanJSONRenderer {
    struct Document: Encodable {
        var pipeline, product, file, sqlRoot: String
        var profile: String?
        var run: RunParameters
        var preflight: MetastoreSettings?
        var variables: [Variable]
        var steps: [Step]
    }

    struct Variable: Encodable {
        var name, value, source: String
        var secret: Bool
    }

    struct Step: Encodable {
        var index: Int
        var name, status: String
        var reason: String?
        var onFailure: String
        var always: Bool
        var parallelism: Int
        var retry: RetryPolicy
        var timeoutSeconds: Double?
        var resume: String
        /// `waves` or `tables`.
        var order: String
        var location: String
        var waves: [Wave]
    }

    struct Wave: Encodable {
        var index: Int
        var name: String
        var tasks: [Task]
    }

    struct Task: Encodable {
        var key, kind, engine, location: String
        /// Empty for a built-in action, which is named by `action` instead.
        var argv: [String]
        var action: String?
        var hivevars, hiveconf: [String: String]
        /// A command's own environment entries (secrets masked); a passed-through variable shows as `<inherited>`.
        var environment: [String: String]?
        /// The `hiveserver2` engine's session settings (`set:hivevar:k`, `set:hiveconf:k`), instead of an argv.
        var session: [String: String]?
        var completedInPreviousRun: Bool
        /// The tables it reads and writes (its SQL after substitution, plus what it declares).
        var reads, writes: [String]
        /// Keys of the tasks of its step it waits for (the step's order: the wave before, or the tables).
        var after: [String]
        /// Why the planner cannot say what it touches (a barrier in table order); absent when it can.
        var barrier: [String]?
        var alone: Bool
    }

    public static func render(_ plan: Plan) throws -> String {
        let d = PlanDisplay(plan)
        let document = Document(
            pipeline: plan.pipeline, product: plan.product, file: plan.file, sqlRoot: plan.sqlRoot, profile: plan.profile,
            run: plan.run, preflight: plan.metastore,
            variables: plan.variables.map { Variable(name: $0.name, value: $0.isSecret ? "****" : $0.value, source: d.source($0.source), secret: $0.isSecret) },
            steps: plan.steps.map { step in
                let after = Self.after(step)
                return Step(
                    index: step.index, name: step.name, status: step.disposition.willRun ? "run" : "skipped", reason: d.reason(step.disposition),
                    onFailure: step.onFailure.rawValue, always: step.always, parallelism: step.parallelism, retry: step.retry,
                    timeoutSeconds: step.timeoutSeconds, resume: step.resume.rawValue, order: step.order.rawValue, location: step.location.description,
                    waves: step.waves.map { wave in
                        Wave(index: wave.index, name: wave.name, tasks: wave.tasks.map { task in
                            let tables = task.tables ?? TaskTables()
                            return Task(
                                key: task.key, kind: kind(task.work), engine: task.engine.rawValue, location: task.location.description,
                                argv: d.argv(task), action: action(task.work, d), hivevars: dictionary(task.hivevars, d), hiveconf: dictionary(task.hiveconf, d),
                                environment: Self.environment(task, d),
                                session: task.engine == .hiveserver2 && task.work.isHQL
                                    ? Dictionary(d.sessionSettings(task).map { ($0.key, $0.value) }) { $1 } : nil,
                                completedInPreviousRun: task.completedInPreviousRun,
                                reads: tables.reads.map(d.mask), writes: tables.writes.map(d.mask),
                                after: after[task.key] ?? [],
                                barrier: tables.isBarrier ? tables.unknown.map(d.mask) : nil, alone: task.alone)
                        })
                    })
            })
        return try JSONOutput.string(document) + "\n"
    }

    /// Task key → the keys of the tasks it waits for: the task graph's in table order; with waves, the tasks of the
    /// wave before (built directly: the graph of two large waves would hold every pair).
    static func after(_ step: PlanStep) -> [String: [String]] {
        var after: [String: [String]] = [:]
        switch step.order {
        case .tables:
            let graph = TaskGraph(step)
            let tasks = step.tasks
            for (j, edges) in graph.after.enumerated() { after[tasks[j].key] = edges.map { tasks[$0.task].key } }
        case .waves:
            var previous: [String] = []
            for wave in step.waves where !wave.tasks.isEmpty {
                for task in wave.tasks { after[task.key] = previous }
                previous = wave.tasks.map(\.key)
            }
        }
        return after
    }

    private static func action(_ work: TaskWork, _ d: PlanDisplay) -> String? {
        guard case .action(let name, let arguments) = work else { return nil }
        return ([name] + arguments.map { "\($0.key)=\(d.mask($0.value))" }).joined(separator: " ")
    }

    private static func environment(_ task: PlanTask, _ d: PlanDisplay) -> [String: String]? {
        let pairs = d.environment(task)
        return pairs.isEmpty ? nil : Dictionary(pairs, uniquingKeysWith: { _, new in new })
    }

    private static func kind(_ work: TaskWork) -> String {
        switch work {
        case .hqlFile: return "file"
        case .hqlStatement: return "statement"
        case .command: return "command"
        case .action: return "action"
        }
    }

    private static func dictionary(_ pairs: [KeyValue], _ d: PlanDisplay) -> [String: String] {
        Dictionary(pairs.map { ($0.key, d.mask($0.value)) }, uniquingKeysWith: { _, new in new })
    }
}
