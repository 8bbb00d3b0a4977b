import Basics
import Foundation

/// `metrics show`: a metrics document for operators. Gauges and counters as tables (the runner's state codes
/// named), the other codahale sections counted; `json` is the document itself, pretty-printed.
public enum MetricsDisplay {
    public static func text(_ document: CodahaleDocument) -> String {
        var out: [String] = []
        let gauges = document.section("gauges").keys.sorted().map { name in
            [name, describe(gauge: name, value: document.gauge(name), raw: document.section("gauges")[name])]
        }
        out.append(table(title: "gauges", rows: gauges))
        let counters = document.section("counters").keys.sorted().map { name in
            [name, document.counter(name).map(number) ?? "?"]
        }
        out.append(table(title: "counters", rows: counters))
        let others = ["histograms", "meters", "timers"].map { "\(document.section($0).count) \($0)" }
        out.append(others.joined(separator: ", ") + " (--format json shows them)")
        return out.joined(separator: "\n\n")
    }

    public static func json(_ document: CodahaleDocument) throws -> String {
        try JSONOutput.string(JSONValue.object(document.fields))
    }

    /// `state_step_<step>` and `pdm_run_status` carry the original's codes: the name beside the number.
    static func describe(gauge name: String, value: Double?, raw: JSONValue?) -> String {
        guard let value else { return raw.map { "\($0)" } ?? "?" }
        let shown = number(value)
        guard name.hasPrefix("state_step_") || name == "pdm_run_status", value == value.rounded(),
            let state = RunMetricsState.StepState(rawValue: Int(value))
        else { return shown }
        return "\(shown) (\(state.label))"
    }

    static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 9e15 { return String(Int64(value)) }
        return String(value)
    }

    static func table(title: String, rows: [[String]]) -> String {
        guard !rows.isEmpty else { return "\(title): none" }
        let lines = Columns.table(rows)
        return "\(title) (\(rows.count)):\n" + lines.map { "  " + $0 }.joined(separator: "\n")
    }
}

extension RunMetricsState.StepState {
    /// The status the code stands for (`other`: not started, skipped, unknown).
    public var label: String {
        switch self {
        case .completed: "COMPLETED"
        case .failed: "FAILED"
        case .running: "RUNNING"
        case .cancelled: "CANCELLED"
        case .other: "other"
        }
    }
}
