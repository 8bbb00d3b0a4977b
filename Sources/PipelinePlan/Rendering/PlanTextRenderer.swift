import Basics

/// The human plan: header, variables with their origin, then every step with what will happen to it and,
/// for steps that run, each wave and each task's exact command line.
public struct PlanTextRenderer: Sendable {
    public var showVariables = true

    public init(showVariables: Bool = true) {
        self.showVariables = showVariables
    }

    public func render(_ plan: Plan) -> String {
        let d = PlanDisplay(plan)
        var out = "pipeline \(plan.pipeline) · product \(plan.product) · profile \(plan.profile ?? "(none)")\n"
        out += "file \(plan.file) · sql root \(plan.sqlRoot)\n"
        out += "run correlation_id=\(d.mask(plan.run.correlationID)) s3_prefix=\(d.mask(plan.run.s3Prefix)) snapshot_type=\(d.mask(plan.run.snapshotType)) export_date=\(plan.run.exportDate)\n"
        if let m = plan.metastore {
            out += "preflight: metastore \(m.database ?? "?") on \(m.host ?? "localhost"):\(m.port ?? 3306) is checked before the first step\n"
        }
        if showVariables, !plan.variables.isEmpty {
            out += "\nvariables\n"
            let width = min(32, plan.variables.map(\.name.count).max() ?? 0)
            let valueWidth = min(48, plan.variables.map { (($0.isSecret ? "****" : $0.value).count) }.max() ?? 0)
            for v in plan.variables {
                let value = v.isSecret ? "****" : v.value
                out += "  \(v.name.padded(width))  \(value.padded(valueWidth))  \(d.source(v.source))\n"
            }
        }
        out += "\nsteps\n"
        let nameWidth = min(32, plan.steps.map(\.name.count).max() ?? 0)
        for step in plan.steps {
            let number = String(step.index).leftPadded(3)
            if let reason = d.reason(step.disposition) {
                out += "\(number) \(step.name.padded(nameWidth))  skipped: \(reason)\n"
                continue
            }
            let tasks = step.tasks.count
            var facts = ["\(tasks) task\(tasks == 1 ? "" : "s") in \(step.waves.count) wave\(step.waves.count == 1 ? "" : "s")", "parallelism \(step.parallelism)"]
            if step.order == .tables { facts.insert("order tables", at: 1) }
            facts.append("retry \(step.retry.attempts)×\(Self.seconds(step.retry.delaySeconds))\(step.retry.backoff == .exponential ? " exponential" : "")")
            if let t = step.timeoutSeconds { facts.append("timeout \(Self.seconds(t))") }
            if step.onFailure == .continue { facts.append("on failure continue") }
            if step.onFailure == .ignore { facts.append("on failure ignore (not critical)") }
            if step.always { facts.append("always") }
            if step.resume == .task { facts.append("resume per task") }
            out += "\(number) \(step.name.padded(nameWidth))  run · " + facts.joined(separator: " · ") + "\n"
            let tables = TableLines(step, display: d)
            out += tables.header.map { "      \($0)\n" }.joined()
            var ordinal = 0
            for wave in step.waves {
                out += "      wave \(wave.name) · \(wave.tasks.count) task\(wave.tasks.count == 1 ? "" : "s")\n"
                for task in wave.tasks {
                    let done = task.completedInPreviousRun ? "(done in previous run) " : ""
                    out += "        \(done)" + d.commandLine(task) + "\n"
                    out += tables.lines(for: ordinal).map { "          \($0)\n" }.joined()
                    ordinal += 1
                }
            }
        }
        return out
    }

    static func seconds(_ s: Double) -> String {
        if s >= 3600, s.truncatingRemainder(dividingBy: 3600) == 0 { return "\(Int(s / 3600))h" }
        if s >= 60, s.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(s / 60))m" }
        if s == s.rounded() { return "\(Int(s))s" }
        return "\(Int(s * 1000))ms"
    }
}

extension String {
    func padded(_ width: Int) -> String { Columns.pad(self, width) }
    func leftPadded(_ width: Int) -> String { Columns.leftPad(self, width) }
}
