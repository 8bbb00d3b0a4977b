import Basics
import Foundation
import PipelineState

extension RunSummary {
    /// The end-of-run table: per step, status (or why it was skipped), tasks, retries, duration; then one line
    /// for the run.
    public var text: String {
        var lines: [String] = []
        if !steps.isEmpty {
            let width = max(steps.map(\.name.count).max() ?? 4, 4)
            let statusWidth = max(steps.map(\.statusWord.count).max() ?? 0, 10)
            lines.append(Columns.pad("step", width) + "  " + Columns.pad("status", statusWidth) + "  tasks  retries  duration")
            for step in steps {
                lines.append(step.line(width: width, statusWidth: statusWidth))
            }
        }
        let run = "run \(key)" + (runID.map { " Run_Id \($0)" } ?? "")
        var last = "\(run): "
        switch (exitCode, failedStep) {
        case (.success, _):
            last += "COMPLETED"
            let ignored = steps.filter { if case .failed(_, true) = $0.status { true } else { false } }.map(\.name)
            if !ignored.isEmpty { last += " (failed, ignored: \(ignored.joined(separator: ", ")))" }
            if let first = unfinishedSteps.first {
                last += " (partial: \(unfinishedSteps.count) step(s) not run yet; recorded FAILED at step '\(first)', where the next run resumes)"
            }
        case (_, let failed?) where exitCode == .stepFailed:
            last += "FAILED at step '\(failed)'"
        case (.interrupted, _), (.terminated, _):
            last += "CANCELLED (\(failure ?? "interrupted"))"
            if let recorded = recordedStatus, recorded != .cancelled { last += ", recorded \(recorded.rawValue)" }
        default:
            last += "not run: \(failure ?? "")"
        }
        last += " in \(DurationText.format(seconds)), exit \(exitCode.rawValue)"
        if let logFolder, !steps.isEmpty { last += "; logs in \(logFolder.path)" }
        lines.append(last)
        return lines.joined(separator: "\n")
    }
}

extension StepSummary {
    var statusWord: String {
        switch status {
        case .completed: return "completed"
        case .failed(_, let ignored): return ignored ? "failed (ignored)" : "FAILED"
        case .cancelled: return "cancelled"
        case .skipped: return "skipped"
        }
    }

    func line(width: Int, statusWidth: Int) -> String {
        var line = Columns.pad(name, width) + "  " + Columns.pad(statusWord, statusWidth)
        if case .skipped(let reason) = status { return line + "  " + reason }
        let tasks = tasksSkipped > 0 ? "\(tasksRun)+\(tasksSkipped)" : "\(tasksRun)"
        line += "  " + Columns.leftPad(tasks, 5) + "  " + Columns.leftPad("\(retries)", 7) + "  " + Columns.leftPad(DurationText.format(seconds), 8)
        if case .failed(let reason, _) = status { line += "  " + reason }
        if tasksSkipped > 0 { line += "  (\(tasksSkipped) done before)" }
        return line
    }
}

