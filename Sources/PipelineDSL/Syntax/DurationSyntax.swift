/// Durations as the pipeline language writes them: `250ms`, `5s`, `2m`, `1h30m`, `1d`; a bare number is seconds.
/// One parser for the lexer and for values that arrive as strings (a built-in action's `duration="${grace}"`).
public enum DurationSyntax {
    public static func seconds(_ text: String) -> Double? {
        if let plain = Int(text), plain >= 0 { return Double(plain) }
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)]
        var rest = Substring(text), total = 0.0, any = false
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let value = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let unit = units.first(where: { rest.hasPrefix($0.0) && !(rest.hasPrefix("ms") && $0.0 == "m") }) else { return nil }
            rest = rest.dropFirst(unit.0.count)
            total += value * unit.1
            any = true
        }
        return any ? total : nil
    }
}
