/// How a word is shown as part of a command line (plans, task logs). Display only: nothing is ever run
/// through a shell.
public enum ShellWords {
    /// Bare when safe, else single-quoted; a newline or tab uses `$'...'` so the command stays on one line.
    public static func quote(_ s: String) -> String {
        if !s.isEmpty, s.unicodeScalars.allSatisfy({ safe.contains($0) }) { return s }
        if s.contains("\n") || s.contains("\t") {
            let escaped = s.replacing("\\", with: "\\\\").replacing("'", with: "\\'").replacing("\n", with: "\\n")
                .replacing("\t", with: "\\t")
            return "$'\(escaped)'"
        }
        return "'" + s.replacing("'", with: "'\\''") + "'"
    }

    /// The words quoted and joined by spaces.
    public static func join(_ words: [String]) -> String {
        words.map(quote).joined(separator: " ")
    }

    private static let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,@%+".unicodeScalars)
}
