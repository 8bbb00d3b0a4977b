import Foundation

/// Output helpers: plain text to pipes and files, colour only on a terminal.
enum Terminal {
    static var stderrIsTTY: Bool { isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }
    static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) == 1 }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
