import Foundation

/// Durations for people: summaries and progress (parsing is `PipelineDSL.DurationSyntax`).
public enum DurationText {
    /// `4m12s`, `1.3s`, `250ms`: for summaries and progress.
    public static func format(_ seconds: Double) -> String {
        if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
        if seconds < 60 { return String(format: "%.1fs", seconds) }
        let whole = Int(seconds.rounded())
        let (h, m, s) = (whole / 3600, (whole % 3600) / 60, whole % 60)
        return h > 0 ? "\(h)h\(m)m\(s)s" : "\(m)m\(s)s"
    }
}
