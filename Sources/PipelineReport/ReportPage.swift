import Foundation

/// The report: one self-contained HTML page (inline CSS, no script, no external URL), one section per run,
/// newest first. Each run is a chart: a time axis, then per step its span, per wave its span, per task a bar
/// (attempts inside it, retries and failures marked, the critical path outlined) linking to the task's log.
public struct ReportPage: Sendable {
    public var runs: [RunTimeline]
    /// The folder the page is written to: log links are relative to it where they can be.
    public var pageFolder: String?
    /// Shown under the header (a truncated timeline, skipped lines).
    public var warnings: [String]

    public init(runs: [RunTimeline], pageFolder: String?, warnings: [String] = []) {
        self.runs = runs.sorted { $0.runID > $1.runID }
        self.pageFolder = pageFolder
        self.warnings = warnings
    }

    public func render() -> String {
        let latest = runs.first
        let id = latest?.correlationID ?? ""
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Run report \(e(id)) · \(e(latest?.product ?? ""))</title>
            <style>\(ReportStyle.css)</style>
            </head>
            <body>

            """
        html += header(latest)
        for run in runs { html += section(run) }
        html += "</body>\n</html>\n"
        return html
    }

    private func e(_ text: String) -> String { HTML.escape(text) }

    private func header(_ latest: RunTimeline?) -> String {
        var html = "<header>\n<h1>Run report <code>\(e(latest?.correlationID ?? ""))</code></h1>\n<dl class=\"meta\">\n"
        let fields: [(String, String)] = [
            ("Correlation id", latest?.correlationID ?? ""), ("Product", latest?.product ?? ""),
            ("Pipeline", latest?.pipeline ?? ""), ("Run_Id", runs.map { String($0.runID) }.joined(separator: ", ")),
        ]
        for (name, value) in fields { html += "<dt>\(e(name))</dt><dd>\(e(value))</dd>\n" }
        if let latest {
            html += "<dt>Status</dt><dd><span class=\"status \(statusClass(latest.status))\">\(e(latest.status))</span>"
            html += latest.exitCode.map { " (exit \($0))" } ?? ""
            html += "</dd>\n<dt>Duration</dt><dd>\(e(TimeAxis.duration(latest.duration)))"
            if runs.count > 1 { html += " (run \(latest.runID)); all runs \(e(TimeAxis.duration(runs.map(\.duration).reduce(0, +))))" }
            html += "</dd>\n<dt>Started</dt><dd>\(e(TimelineEntry.timestamp(latest.started)))</dd>\n"
        }
        html += "</dl>\n"
        for warning in warnings { html += "<p class=\"warning\">\(e(warning))</p>\n" }
        html += """
            <div class="legend"><span><i class="sw ok"></i>succeeded</span><span><i class="sw fail"></i>failed attempt</span>\
            <span><i class="sw wait"></i>waiting to retry</span><span><i class="sw cancel"></i>cancelled</span>\
            <span><i class="sw open"></i>unfinished (run killed)</span><span><i class="sw crit"></i>critical path</span>\
            <span>↻ retries · ✕ failed</span></div>
            </header>

            """
        return html
    }

    private func statusClass(_ status: String) -> String {
        switch status.lowercased() {
        case "completed", "succeeded": return "ok"
        case "failed": return "fail"
        case "continued": return "warn"
        case "cancelled", "skipped": return "cancel"
        default: return "open"
        }
    }

    private func section(_ run: RunTimeline) -> String {
        let axis = TimeAxis(duration: run.duration)
        var html = "<section class=\"run\" id=\"run-\(run.runID)\">\n<h2>Run \(run.runID) "
        html += "<span class=\"status \(statusClass(run.status))\">\(e(run.status))</span> "
        html += "<small>\(e(TimeAxis.duration(run.duration))) · started \(e(TimelineEntry.timestamp(run.started)))"
        if let resume = run.resume { html += " · \(e(resume))" }
        html += "</small></h2>\n"
        if let failure = run.failure { html += "<p class=\"failure\">\(e(failure))</p>\n" }
        let tickWidth = String(format: "%.4f%%", axis.tick / axis.length * 100)
        html += "<div class=\"chart\" style=\"--tick:\(tickWidth)\">\n"
        html += "<div class=\"row axis\"><div class=\"label\">step · wave · task</div><div class=\"track\">"
        for tick in axis.ticks {
            html += "<span class=\"tick\" style=\"left:\(pct(axis.percent(tick)))\">\(e(TimeAxis.label(tick)))</span>"
        }
        html += "</div></div>\n"
        for step in run.steps { html += stepRows(step, axis) }
        html += "</div>\n"
        let path = run.criticalPath
        if !path.isEmpty {
            html += "<p class=\"path\"><b>Critical path</b> (\(path.count) task\(path.count == 1 ? "" : "s"), "
            html += "\(e(TimeAxis.duration(path.map(\.seconds).reduce(0, +)))) of \(e(TimeAxis.duration(run.duration)))): "
            html += path.map { "<code>\(e($0.key))</code>" }.joined(separator: " → ") + "</p>\n"
        }
        if !run.notices.isEmpty {
            html += "<ul class=\"notices\">" + run.notices.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
        }
        return html + "</section>\n"
    }

    private func stepRows(_ step: StepBar, _ axis: TimeAxis) -> String {
        var label = "<b>\(String(format: "%02d", step.index))</b> \(e(step.name)) "
        label += "<span class=\"status \(statusClass(step.status))\">\(e(step.status))</span>"
        if let start = step.start, let end = step.end { label += " <small>\(e(TimeAxis.duration(end - start)))</small>" }
        if step.skippedTasks > 0 { label += " <small>+\(step.skippedTasks) done before</small>" }
        var track = ""
        if let start = step.start, let end = step.end {
            track = "<div class=\"span step-span \(statusClass(step.status))\" style=\"\(place(start, end, axis))\"></div>"
        } else if let reason = step.reason {
            track = "<span class=\"skip\">\(e(reason))</span>"
        }
        if step.status != "skipped", let reason = step.reason { label += "<div class=\"why\">\(e(reason))</div>" }
        var html = "<div class=\"row step\" data-step=\"\(e(step.name))\"><div class=\"label\">\(label)</div><div class=\"track\">\(track)</div></div>\n"
        for wave in step.waves {
            html += "<div class=\"row wave\"><div class=\"label\">wave \(e(wave.name)) <small>· \(wave.tasks.count) task\(wave.tasks.count == 1 ? "" : "s")</small></div>"
            html += "<div class=\"track\"><div class=\"span wave-span\" style=\"\(place(wave.start, wave.end, axis))\"></div></div></div>\n"
            for task in wave.tasks { html += taskRow(task, axis) }
        }
        return html
    }

    private func taskRow(_ task: TaskBar, _ axis: TimeAxis) -> String {
        var marks = ""
        if task.retries > 0 { marks += " <span class=\"mark retry\" title=\"retried\">↻\(task.retries)</span>" }
        if task.outcome == .failed { marks += " <span class=\"mark fail\" title=\"failed\">✕</span>" }
        if task.outcome == .unfinished { marks += " <span class=\"mark open\">unfinished</span>" }
        if task.outcome == .cancelled { marks += " <span class=\"mark cancel\">cancelled</span>" }
        var title = "\(task.key) · \(task.outcome.rawValue) · \(TimeAxis.duration(task.seconds))"
        title += " · \(task.attempts.count) attempt\(task.attempts.count == 1 ? "" : "s")"
        for attempt in task.attempts where attempt.failure != nil {
            title += "\nattempt \(attempt.number) failed: \(attempt.failure ?? "")"
        }
        if let reason = task.reason, task.outcome != .succeeded { title += "\n\(reason)" }
        if let log = task.log { title += "\nlog: \(log)" }
        let classes = "bar" + (task.critical ? " crit" : "")
        var inner = ""
        for attempt in task.attempts {
            let kind: String
            if attempt.failure != nil { kind = "fail" }
            else {
                switch task.outcome {
                case .succeeded: kind = "ok"
                case .failed: kind = "fail"
                case .cancelled: kind = "cancel"
                case .unfinished: kind = "open"
                }
            }
            let width = max(task.seconds, 0.000_001)
            let left = (attempt.start - task.start) / width * 100
            let size = (attempt.end - attempt.start) / width * 100
            inner += "<span class=\"attempt \(kind)\" style=\"left:\(pct(left));width:\(pct(size))\"></span>"
        }
        let href = task.log.map { " href=\"\(e(HTML.link(to: $0, from: pageFolder)))\"" } ?? ""
        var html = "<div class=\"row task\(task.critical ? " on-path" : "")\" data-task=\"\(e(task.key))\">"
        html += "<div class=\"label\" title=\"\(e(task.key))\">\(task.critical ? "◆ " : "")\(e(task.key))\(marks)</div>"
        html += "<div class=\"track\"><a class=\"\(classes)\"\(href) title=\"\(e(title))\" style=\"\(place(task.start, task.end, axis))\">\(inner)</a>"
        html += "<span class=\"after\" style=\"left:\(pct(axis.percent(task.end)))\">\(e(TimeAxis.duration(task.seconds)))</span></div></div>\n"
        return html
    }

    private func place(_ start: Double, _ end: Double, _ axis: TimeAxis) -> String {
        let left = axis.percent(start)
        return "left:\(pct(left));width:\(pct(max(axis.percent(end) - left, 0)))"
    }

    private func pct(_ value: Double) -> String { String(format: "%.3f%%", value.isFinite ? value : 0) }
}
