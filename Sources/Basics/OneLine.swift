/// Text from outside (a server's error, a peer's reason, a stored field) made safe to show or store as one line:
/// line breaks, escape sequences and every other control character are written as escapes (`\n`, `\r`, `\t`,
/// `\u{1B}`), so a hostile message can neither forge log lines nor drive a terminal. Everything else is kept.
public enum OneLine {
    /// `text` on one line, control characters escaped; longer than `limit` characters: cut, with `…`.
    public static func escaped(_ text: String, limit: Int = 2000) -> String {
        var out = ""
        out.reserveCapacity(min(text.utf8.count, limit))
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit { return out + "…" }
            count += 1
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if isControl(scalar) {
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// The first non-blank line of `text` (a Java stack trace's message line), escaped as `escaped` does.
    public static func firstLine(_ text: String, limit: Int = 2000) -> String {
        let first = text.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) }
        return escaped(first.map(String.init) ?? text, limit: limit)
    }

    /// Control characters (C0, DEL, C1) and the line and paragraph separators, which end a line for many readers.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }
}
