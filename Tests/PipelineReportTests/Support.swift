import Foundation
import PipelineDSL
import PipelinePlan
@testable import PipelineReport

let t0 = Date(timeIntervalSince1970: 1_800_000_000)

/// A hand-made timeline line at `seconds` after t0.
func line(_ seconds: Double, _ event: TimelineEntry.Event, run: Int = 1, step: String? = nil, stepIndex: Int? = nil,
          wave: Int? = nil, task: String? = nil, attempt: Int? = nil, status: String? = nil, reason: String? = nil,
          log: String? = nil, correlationID: String = "c-1") -> String {
    var entry = TimelineEntry(time: t0.addingTimeInterval(seconds), event: event, runID: run)
    if event == .runStarted {
        entry.correlationID = correlationID
        entry.product = "PDM"
        entry.pipeline = "test"
        entry.logFolder = "/var/log/pdm/\(correlationID)-run\(run)"
    }
    entry.step = step
    entry.stepIndex = stepIndex
    entry.wave = wave.map { "w\($0)" }
    entry.waveIndex = wave
    entry.task = task
    entry.attempt = attempt
    entry.status = status
    entry.reason = reason
    entry.log = log
    return entry.jsonLine() + "\n"
}

/// One task from start to end in step `s` (index `i`), wave `w`.
func taskLines(_ key: String, _ start: Double, _ end: Double, step s: String, _ i: Int, wave w: Int, status: String = "succeeded", run: Int = 1) -> String {
    line(start, .taskStarted, run: run, step: s, stepIndex: i, wave: w, task: key, attempt: 1, log: "/var/log/pdm/c-1-run1/\(key).log")
        + line(end, .taskFinished, run: run, step: s, stepIndex: i, wave: w, task: key, status: status, reason: status == "failed" ? "exit code 1" : nil,
               log: "/var/log/pdm/c-1-run1/\(key).log")
}

/// Two steps: `load` with waves 1 (a 0–2 s, b 0–5 s) and 2 (c 5–6 s), then `model` with one wave (d 6–7 s with a
/// retry at 6.5 s, e 6–9 s).
func sampleTimeline(finished: Bool = true) -> String {
    var text = line(0, .runStarted)
    text += line(0, .stepStarted, step: "load", stepIndex: 1)
    text += line(0, .waveStarted, step: "load", stepIndex: 1, wave: 1)
    text += line(0, .taskStarted, step: "load", stepIndex: 1, wave: 1, task: "a", attempt: 1)
    text += line(0, .taskStarted, step: "load", stepIndex: 1, wave: 1, task: "b", attempt: 1)
    text += line(2, .taskFinished, step: "load", stepIndex: 1, wave: 1, task: "a", status: "succeeded")
    text += line(5, .taskFinished, step: "load", stepIndex: 1, wave: 1, task: "b", status: "succeeded")
    text += line(5, .waveStarted, step: "load", stepIndex: 1, wave: 2)
    text += taskLines("c", 5, 6, step: "load", 1, wave: 2)
    text += line(6, .stepFinished, step: "load", stepIndex: 1, status: "completed")
    text += line(6, .stepStarted, step: "model", stepIndex: 2)
    text += line(6, .waveStarted, step: "model", stepIndex: 2, wave: 1)
    text += line(6, .taskStarted, step: "model", stepIndex: 2, wave: 1, task: "d", attempt: 1)
    text += line(6, .taskStarted, step: "model", stepIndex: 2, wave: 1, task: "e", attempt: 1)
    text += line(6.5, .taskRetrying, step: "model", stepIndex: 2, wave: 1, task: "d", attempt: 1, reason: "exit code 1")
    text += line(6.6, .taskStarted, step: "model", stepIndex: 2, wave: 1, task: "d", attempt: 2)
    text += line(7, .taskFinished, step: "model", stepIndex: 2, wave: 1, task: "d", status: "succeeded")
    guard finished else { return text }
    text += line(9, .taskFinished, step: "model", stepIndex: 2, wave: 1, task: "e", status: "failed", reason: "exit code 2")
    text += line(9, .stepFinished, step: "model", stepIndex: 2, status: "failed", reason: "task e failed: exit code 2")
    text += line(9.5, .runFinished, status: "FAILED", reason: "task e failed: exit code 2")
    return text
}
