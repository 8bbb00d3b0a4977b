/// Graphviz DOT and Mermaid drawings: one box per step, one node per wave, arrows in run order.
public enum PlanGraphRenderer {
    public static func dot(_ plan: Plan) -> String {
        var out = "digraph \(quoted(plan.pipeline)) {\n  rankdir=TB;\n  node [shape=box, fontname=\"Helvetica\"];\n"
        for step in plan.steps {
            let skipped = !step.disposition.willRun
            out += "  subgraph cluster_\(step.index) {\n    label=\(quoted(stepLabel(step)));\n"
            if skipped { out += "    style=dashed; color=gray;\n" }
            for node in nodes(step) {
                out += "    \(node.id) [label=\(quoted(node.label))\(skipped ? ", style=dashed" : "")];\n"
            }
            out += "  }\n"
        }
        for (from, to) in edges(plan) { out += "  \(from) -> \(to);\n" }
        return out + "}\n"
    }

    public static func mermaid(_ plan: Plan) -> String {
        var out = "flowchart TD\n"
        for step in plan.steps {
            out += "  subgraph s\(step.index)[\(mermaidText(stepLabel(step)))]\n"
            for node in nodes(step) { out += "    \(node.id)[\(mermaidText(node.label))]\n" }
            out += "  end\n"
        }
        for (from, to) in edges(plan) { out += "  \(from) --> \(to)\n" }
        let skipped = plan.steps.filter { !$0.disposition.willRun }.map { "s\($0.index)" }
        if !skipped.isEmpty {
            out += "  classDef skipped stroke-dasharray: 5 5,color:#888\n  class \(skipped.joined(separator: ",")) skipped\n"
        }
        return out
    }

    private static func stepLabel(_ step: PlanStep) -> String {
        step.disposition.willRun ? "\(step.index) \(step.name)" : "\(step.index) \(step.name) (skipped)"
    }

    private static func nodes(_ step: PlanStep) -> [(id: String, label: String)] {
        if step.waves.isEmpty { return [("s\(step.index)w0", "no tasks")] }
        return step.waves.map { wave in
            ("s\(step.index)w\(wave.index)", "wave \(wave.name): \(wave.tasks.count) task\(wave.tasks.count == 1 ? "" : "s")")
        }
    }

    private static func edges(_ plan: Plan) -> [(String, String)] {
        let ids = plan.steps.flatMap { nodes($0).map(\.id) }
        return zip(ids, ids.dropFirst()).map { ($0, $1) }
    }

    private static func quoted(_ s: String) -> String {
        "\"" + s.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
    }

    private static func mermaidText(_ s: String) -> String {
        "\"" + s.replacingAll("\"", with: "#quot;") + "\""
    }
}
