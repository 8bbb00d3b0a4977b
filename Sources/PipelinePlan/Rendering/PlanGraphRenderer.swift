/// Graphviz DOT and Mermaid drawings: one box per step; in it a node per wave (`order waves`, waves chained in run
/// order) or a node per task with an arrow per table it waits for (`order tables`). Steps follow each other: the
/// last nodes of one point at the first nodes of the next.
public enum PlanGraphRenderer {
    public static func dot(_ plan: Plan) -> String {
        let mask = PlanDisplay(plan)
        let drawings = plan.steps.map { StepDrawing($0, mask: mask.mask) }
        var out = "digraph \(quoted(plan.pipeline)) {\n  rankdir=TB;\n  node [shape=box, fontname=\"Helvetica\"];\n"
        for (step, drawing) in zip(plan.steps, drawings) {
            let skipped = !step.disposition.willRun
            out += "  subgraph cluster_\(step.index) {\n    label=\(quoted(stepLabel(step)));\n"
            if skipped { out += "    style=dashed; color=gray;\n" }
            for node in drawing.nodes {
                out += "    \(node.id) [label=\(quoted(node.label))\(skipped ? ", style=dashed" : "")];\n"
            }
            out += "  }\n"
        }
        for edge in edges(drawings) {
            out += "  \(edge.from) -> \(edge.to)" + (edge.label.map { " [label=\(quoted($0))]" } ?? "") + ";\n"
        }
        return out + "}\n"
    }

    public static func mermaid(_ plan: Plan) -> String {
        let mask = PlanDisplay(plan)
        let drawings = plan.steps.map { StepDrawing($0, mask: mask.mask) }
        var out = "flowchart TD\n"
        for (step, drawing) in zip(plan.steps, drawings) {
            out += "  subgraph s\(step.index)[\(mermaidText(stepLabel(step)))]\n"
            for node in drawing.nodes { out += "    \(node.id)[\(mermaidText(node.label))]\n" }
            out += "  end\n"
        }
        for edge in edges(drawings) {
            out += "  \(edge.from) -->" + (edge.label.map { "|\(mermaidText($0))|" } ?? "") + " \(edge.to)\n"
        }
        let skipped = plan.steps.filter { !$0.disposition.willRun }.map { "s\($0.index)" }
        if !skipped.isEmpty {
            out += "  classDef skipped stroke-dasharray: 5 5,color:#888\n  class \(skipped.joined(separator: ",")) skipped\n"
        }
        return out
    }

    private static func stepLabel(_ step: PlanStep) -> String {
        let order = step.order == .tables ? " · order tables" : ""
        return step.disposition.willRun ? "\(step.index) \(step.name)\(order)" : "\(step.index) \(step.name) (skipped)"
    }

    /// The edges inside every step, then from each step's exits to the next step's entries.
    private static func edges(_ drawings: [StepDrawing]) -> [StepDrawing.Edge] {
        var out = drawings.flatMap(\.edges)
        for (previous, next) in zip(drawings, drawings.dropFirst()) {
            for from in previous.exits { for to in next.entries { out.append(.init(from: from, to: to, label: nil)) } }
        }
        return out
    }

    private static func quoted(_ s: String) -> String {
        "\"" + s.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
    }

    private static func mermaidText(_ s: String) -> String {
        "\"" + s.replacingAll("\"", with: "#quot;") + "\""
    }
}

/// One step's nodes and arrows, and where arrows from the step before arrive and to the step after leave.
struct StepDrawing {
    struct Edge {
        var from: String
        var to: String
        var label: String?
    }

    var nodes: [(id: String, label: String)] = []
    var edges: [Edge] = []
    var entries: [String] = []
    var exits: [String] = []

    /// `mask`: a table name may hold a secret's value (a substituted hivevar).
    init(_ step: PlanStep, mask: (String) -> String) {
        let prefix = "s\(step.index)"
        guard step.order == .waves ? !step.waves.isEmpty : !step.tasks.isEmpty else {
            nodes = [("\(prefix)w0", "no tasks")]
            (entries, exits) = ([nodes[0].id], [nodes[0].id])
            return
        }
        switch step.order {
        case .waves:
            nodes = step.waves.map { wave in
                ("\(prefix)w\(wave.index)", "wave \(wave.name): \(wave.tasks.count) task\(wave.tasks.count == 1 ? "" : "s")")
            }
            edges = zip(nodes, nodes.dropFirst()).map { Edge(from: $0.id, to: $1.id, label: nil) }
            (entries, exits) = ([nodes[0].id], [nodes[nodes.count - 1].id])
        case .tables:
            let graph = TaskGraph(step)
            let tasks = step.tasks
            func id(_ i: Int) -> String { "\(prefix)t\(i)" }
            nodes = tasks.enumerated().map { i, task in
                let marks = (task.alone ? " (alone)" : "") + (task.tables?.isBarrier ?? true ? " (barrier)" : "")
                return (id(i), task.displayName(in: step) + marks)
            }
            edges = graph.after.enumerated().flatMap { j, waits in
                waits.map { Edge(from: id($0.task), to: id(j), label: $0.reason.table.map(mask)) }
            }
            entries = graph.after.indices.filter { graph.after[$0].isEmpty }.map(id)
            exits = graph.before.indices.filter { graph.before[$0].isEmpty }.map(id)
        }
    }
}

extension TaskGraph.Reason {
    /// The table an edge is for; nil for a barrier or a wave.
    public var table: String? {
        switch self {
        case .reads(let t), .rewrites(let t), .readFirst(let t): t
        case .barrier, .wave: nil
        }
    }

    /// How `plan` says why a task waits: "reads m.t", "also writes m.t", "reads m.t first", "barrier".
    public var text: String {
        switch self {
        case .reads(let t): "reads \(t)"
        case .rewrites(let t): "also writes \(t)"
        case .readFirst(let t): "reads \(t) first"
        case .barrier: "barrier"
        case .wave: "earlier wave"
        }
    }
}

extension PlanTask {
    /// The task's key without its step's name: what it runs (`model/site_dim.1.sql`, `statement#2`).
    public func displayName(in step: PlanStep) -> String {
        key.hasPrefix(step.name + "/") ? String(key.dropFirst(step.name.count + 1)) : key
    }
}
