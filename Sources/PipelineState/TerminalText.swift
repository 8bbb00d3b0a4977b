/// A stored value shown on a terminal: one line, with nothing a terminal would act on. A failure reason may
/// hold a server's multi-line error with escape sequences; `status` and `runs` print it escaped.
public enum TerminalText {
    /// `text` with every control character (newlines, tabs, ESC, DEL, C1) and line or paragraph separator
    /// written as an escape (`\n`, `\r`, `\t`, `\u{1B}`); everything else unchanged.
    public static func oneLine(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                switch scalar.properties.generalCategory {
                case .control, .lineSeparator, .paragraphSeparator:
                    result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                default:
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
