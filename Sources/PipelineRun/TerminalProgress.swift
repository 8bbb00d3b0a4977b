import Foundation
import Synchronization
import PipelineState

/// The live display on a TTY: the plain log lines scroll above one status line that is redrawn in place
/// (step n/N, wave, tasks done/total, running, retries, elapsed). `tick()` refreshes the elapsed time.
public final class TerminalProgress: RunReporter {
    private struct State {
        var started: Date?
        var steps = 0
        var stepNumber = 0
        var step = ""
        var wave = ""
        var done = 0
        var total = 0
        var running = 0
        var retries = 0
        var finished = false
    }

    private let plain: PlainReporter
    private let now: @Sendable () -> Date
    private let write: @Sendable (String) -> Void
    private let state = Mutex(State())

    /// `write` gets raw terminal output (stderr); the summary still goes to `plain.output`.
    public init(plain: PlainReporter, now: @escaping @Sendable () -> Date, write: @escaping @Sendable (String) -> Void) {
        self.plain = plain
        self.now = now
        self.write = write
    }

    public func report(_ event: RunEvent) {
        let line = plain.line(for: event).map(plain.mask.apply)
        let status: String? = state.withLock { state in
            update(&state, event)
            return state.finished ? nil : render(state)
        }
        var out = "\r\u{1B}[2K"
        if let line { out += line.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n" }
        if let status { out += status }
        write(out)
        if case .runFinished = event { plain.report(event) }
    }

    /// Redraws the status line (call every second or so).
    public func tick() {
        guard let status = state.withLock({ $0.finished || $0.started == nil ? nil : render($0) }) else { return }
        write("\r\u{1B}[2K" + status)
    }

    private func update(_ state: inout State, _ event: RunEvent) {
        switch event {
        case .runStarted(let plan, _, _, _):
            state.started = now()
            state.steps = plan.steps.count
        case .stepStarted(let step, let tasks, let skipped):
            state.stepNumber = step.index
            state.step = step.name
            state.wave = ""
            state.total = tasks
            state.done = skipped
        case .waveStarted(let step, let wave, _):
            state.wave = step.waves.count > 1 ? "wave \(wave.name) (\(wave.index)/\(step.waves.count))" : ""
        case .taskStarted(_, _, let attempt):
            if attempt == 1 { state.running += 1 }
        case .taskRetrying:
            state.retries += 1
        case .taskFinished:
            state.running -= 1
            state.done += 1
        case .runFinished:
            state.finished = true
        case .stepSkipped, .stepFinished, .notice:
            break
        }
    }

    private func render(_ state: State) -> String {
        let elapsed = state.started.map { now().timeIntervalSince($0) } ?? 0
        var parts = ["[\(state.stepNumber)/\(state.steps)] \(state.step)"]
        if !state.wave.isEmpty { parts.append(state.wave) }
        parts.append("tasks \(state.done)/\(state.total)")
        parts.append("running \(state.running)")
        parts.append("retries \(state.retries)")
        parts.append("elapsed \(DurationText.format(elapsed))")
        return parts.joined(separator: "  ")
    }
}
