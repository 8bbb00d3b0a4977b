import Foundation

/// Durations as the pipeline language writes them (`250ms`, `5s`, `2m`, `1h30m`; a bare number is seconds),
/// for the arguments of built-in actions.
public enum DurationText {
    public static func seconds(_ text: String) -> Double? {
        if let plain = Double(text), plain >= 0 { return plain }
        var total = 0.0
        var number = ""
        var rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        while let character = rest.first {
            if character.isNumber || character == "." {
                number.append(character)
                rest = rest.dropFirst()
                continue
            }
            guard let value = Double(number) else { return nil }
            let unit: Double
            if rest.hasPrefix("ms") { unit = 0.001; rest = rest.dropFirst(2) }
            else if rest.hasPrefix("s") { unit = 1; rest = rest.dropFirst() }
            else if rest.hasPrefix("m") { unit = 60; rest = rest.dropFirst() }
            else if rest.hasPrefix("h") { unit = 3600; rest = rest.dropFirst() }
            else { return nil }
            total += value * unit
            number = ""
        }
        return number.isEmpty ? total : nil
    }

    /// `4m12s`, `1.3s`, `250ms`: for summaries and progress.
    public static func format(_ seconds: Double) -> String {
        if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
        if seconds < 60 { return String(format: "%.1fs", seconds) }
        let whole = Int(seconds.rounded())
        let (h, m, s) = (whole / 3600, (whole % 3600) / 60, whole % 60)
        return h > 0 ? "\(h)h\(m)m\(s)s" : "\(m)m\(s)s"
    }
}
