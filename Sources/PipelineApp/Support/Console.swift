import Foundation
import PipelineRun
import Synchronization

/// Where a command's output goes: stdout for results, stderr for everything else. Injected, so the use cases
/// run in-process in tests with a `Console.Capture`. Errors and notes are formatted here only.
public struct Console: Sendable {
    public var writeOut: @Sendable (String) -> Void
    public var writeErr: @Sendable (String) -> Void
    /// Colour and the live display only on a terminal (and never with NO_COLOR).
    public var stderrIsTTY: Bool
    /// Colour in results (`check`'s text) only on a terminal, never with NO_COLOR.
    public var stdoutIsTTY: Bool

    public init(
        writeOut: @escaping @Sendable (String) -> Void, writeErr: @escaping @Sendable (String) -> Void, stderrIsTTY: Bool,
        stdoutIsTTY: Bool = false
    ) {
        self.writeOut = writeOut
        self.writeErr = writeErr
        self.stderrIsTTY = stderrIsTTY
        self.stdoutIsTTY = stdoutIsTTY
    }

    /// The process's stdout and stderr.
    public static var standard: Console {
        Console(
            writeOut: { FileHandle.standardOutput.write(Data($0.utf8)) },
            writeErr: { FileHandle.standardError.write(Data($0.utf8)) },
            stderrIsTTY: isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil,
            stdoutIsTTY: isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
    }

    /// A result, on stdout, as it is.
    public func print(_ text: String) { writeOut(text) }
    /// Progress and diagnostics already formatted, on stderr, as they are.
    public func log(_ text: String) { writeErr(text) }
    /// `error: message`: the one place the prefix is written.
    public func error(_ message: String) { writeErr("error: \(message)\n") }
    /// `note: message`.
    public func note(_ message: String) { writeErr("note: \(message)\n") }

    /// Prints a command's failure (its message, if it has one left to print) and returns its status.
    public func report(_ failure: CommandFailure) -> ExitStatus {
        if let message = failure.message { error(message) }
        return failure.status
    }

    /// Collects what a console writes, for in-process tests.
    public final class Capture: Sendable {
        private let streams = Mutex((out: "", err: ""))
        public init() {}
        public var out: String { streams.withLock { $0.out } }
        public var err: String { streams.withLock { $0.err } }
        public func console(stderrIsTTY: Bool = false) -> Console {
            Console(
                writeOut: { text in self.streams.withLock { $0.out += text } },
                writeErr: { text in self.streams.withLock { $0.err += text } },
                stderrIsTTY: stderrIsTTY)
        }
    }
}
