import Basics

/// A stored value shown on a terminal: one line, with nothing a terminal would act on. A failure reason may
/// hold a server's multi-line error with escape sequences; `status` and `runs` print it escaped.
public enum TerminalText {
    /// `text` with every control character (newlines, tabs, ESC, DEL, C1) and line or paragraph separator
    /// written as an escape (`\n`, `\r`, `\t`, `\u{1B}`); everything else unchanged. The escaping is
    /// `Basics.OneLine`'s, which the engines use for what a server says.
    public static func oneLine(_ text: String) -> String {
        OneLine.escaped(text, limit: .max)
    }
}
