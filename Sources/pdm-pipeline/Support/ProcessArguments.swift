import CProcessArguments
import PipelineRun
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the process needs before anything else runs: /proc, and its own command line.
enum ProcessArguments {
    /// Exits 2 with one line where /proc is not mounted (a chroot, some sandboxes). The Swift runtime cannot
    /// run there: Dispatch's thread pool, which runs every async task, reads /proc/<thread>/stat once a second
    /// and crashes (SIGILL) when it cannot open it, so a command would die at random, or, before the arguments
    /// were read from the C entry point, run as a bare `pdm-pipeline` and exit 0 having done nothing. Call it
    /// first in `main`, before any task has started a pool thread.
    static func requireProcOrExit() {
        #if os(Linux)
        if access("/proc/self/stat", R_OK) != 0 {
            fail("/proc is not mounted (cannot read /proc/self/stat); the Swift runtime's thread pool needs it: mount it (mount -t proc proc /proc)")
        }
        #endif
    }

    /// argv with the program name first, as the C entry point received it (Swift's `CommandLine` reads it back
    /// from /proc/self/cmdline on Linux); `CommandLine.arguments` where the C library passes nothing to
    /// constructors; nil when neither has even the program name.
    static func read() -> [String]? {
        let count = pdm_process_argc()
        if count > 0 {
            return (0..<count).map { pdm_process_argv($0).map { String(cString: $0) } ?? "" }
        }
        let fallback = CommandLine.arguments
        return fallback.isEmpty ? nil : fallback
    }

    /// The arguments after the program name, or one line on stderr and exit 2: a command that cannot see its
    /// arguments must never run as if it had been given none.
    static func readOrExit() -> [String] {
        guard let arguments = read() else {
            fail("cannot read the command line: the C library passed no argv and /proc/self/cmdline is unreadable")
        }
        return Array(arguments.dropFirst())
    }

    private static func fail(_ message: String) -> Never {
        let line = "pdm-pipeline: \(message)\n"
        _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
        exit(ExitStatus.unusableInput.rawValue)
    }
}
