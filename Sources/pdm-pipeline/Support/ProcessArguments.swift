import CProcessArguments
import PipelineRun
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The command line as the C entry point received it. Swift's `CommandLine` on Linux reads it back from
/// /proc/self/cmdline and is empty where /proc is not mounted (a chroot, some sandboxes): `run FILE` then parsed
/// as a bare `pdm-pipeline`, printed the help and exited 0 having run nothing.
enum ProcessArguments {
    /// argv with the program name first; `CommandLine.arguments` where the C library passes nothing to
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
            let line = "pdm-pipeline: cannot read the command line: the C library passed no argv and "
                + "/proc/self/cmdline is unreadable (is /proc mounted?)\n"
            _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
            exit(ExitStatus.unusableInput.rawValue)
        }
        return Array(arguments.dropFirst())
    }
}
