import Foundation

/// The time axis of one run: its length rounded up to a whole number of ticks, at a step people read easily.
struct TimeAxis: Sendable, Hashable {
    var tick: Double
    var length: Double

    static let steps: [Double] = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 28800]

    /// At most `maxTicks` intervals over `duration` seconds.
    init(duration: Double, maxTicks: Int = 10) {
        let span = max(duration, 0.001)
        tick = Self.steps.first { span / $0 <= Double(maxTicks) } ?? (span / Double(maxTicks)).rounded(.up)
        length = max((span / tick).rounded(.up), 1) * tick
    }

    var ticks: [Double] { stride(from: 0, through: length + tick / 2, by: tick).map { $0 } }

    /// A time's position on the axis, in percent.
    func percent(_ seconds: Double) -> Double { min(max(seconds / length * 100, 0), 100) }

    /// `0s`, `0.5s`, `45s`, `2m`, `2m30s`, `1h`, `1h30m`.
    static func label(_ seconds: Double) -> String {
        if seconds < 60 {
            let rounded = (seconds * 10).rounded() / 10
            return rounded == rounded.rounded() ? "\(Int(rounded))s" : String(format: "%.1fs", rounded)
        }
        let whole = Int(seconds.rounded())
        let (h, m, s) = (whole / 3600, whole % 3600 / 60, whole % 60)
        if h > 0 { return m > 0 ? "\(h)h\(m)m" : "\(h)h" }
        return s > 0 ? "\(m)m\(s)s" : "\(m)m"
    }

    /// A duration for text: `0.42 s`, `12.3 s`, `4m05s`.
    static func duration(_ seconds: Double) -> String {
        if seconds < 10 { return String(format: "%.2f s", seconds) }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds.rounded())
        if whole >= 3600 { return String(format: "%dh%02dm%02ds", whole / 3600, whole % 3600 / 60, whole % 60) }
        return String(format: "%dm%02ds", whole / 60, whole % 60)
    }
}
