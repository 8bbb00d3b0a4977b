/// Text from outside (a server's error, a peer's reason) made safe to show or store as one line: line breaks,
/// escape sequences and every other control character are written as Swift escapes (`\n`, `\u{1B}`), so a
/// hostile message can neither forge log lines nor drive a terminal.
public enum OneLine {
    /// `text` on one line, control characters escaped; longer than `limit` characters: cut, with `…`.
    public static func escaped(_ text: String, limit: Int = 2000) -> String {
        var out = ""
        out.reserveCapacity(min(text.utf8.count, limit))
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit { return out + "…" }
            if isControl(scalar) {
                out += scalar.escaped(asASCII: true)
            } else {
                out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out
    }

    /// The first non-empty line of `text` (a Java stack trace's message line), escaped as `escaped` does.
    public static func firstLine(_ text: String, limit: Int = 2000) -> String {
        let first = text.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) }
        return escaped(first.map(String.init) ?? text, limit: limit)
    }

    /// C0 and C1 controls, DEL, and the Unicode line and paragraph separators (which end a line for many readers).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029: true
        default: false
        }
    }
}
