import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `posix_spawn` as the launcher calls it, on a thread of each child's own. swift-subprocess runs every spawn of
/// the process on one shared worker thread, and `posix_spawn` holds its caller until the child has exec'd: a
/// wave's 20 launches queued behind each other there (7 ms from request to start on average in
/// `scripts/bench-runner`, the largest part of the runner's overhead against `xargs -P`).
///
/// The child: its own process group (pgid = pid), every signal at its default and none blocked, stdin from
/// /dev/null, stdout and stderr to `output`, the working directory changed, and every other descriptor closed.
/// That last needs `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34) and a working directory needs
/// `posix_spawn_file_actions_addchdir_np` (2.29), both looked up at run time: where either is missing (Amazon
/// Linux 2 has glibc 2.26) `isAvailable` is false and the launcher keeps swift-subprocess, which forks instead.
enum DirectSpawn {
    /// Whether this C library can start a child as described above.
    static var isAvailable: Bool { SystemCalls.hasCloseFromAndChdir }

    /// Starts `executable` (a resolved path) with `output` (close-on-exec, which stays the caller's to close) as
    /// its stdout and stderr; the child's pid, or the error that kept it from running (an exec failure is reported
    /// here too: glibc waits for the exec).
    static func spawn(
        executable: String, argv: [String], environment: [String: String], workingDirectory: String?, output: Int32
    ) -> Result<pid_t, SpawnError> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }

        // Above 2, so neither the dup2s nor the open of /dev/null can land on it before it is copied.
        let source = output > 2 ? output : fcntl(output, F_DUPFD_CLOEXEC, 3)
        defer { if source != output, source >= 0 { close(source) } }
        guard source >= 0 else { return .failure(SpawnError(code: errno)) }

        var code: Int32 = 0
        if let workingDirectory {
            code = SystemCalls.addChdir(&actions, workingDirectory)
        }
        if code == 0 { code = posix_spawn_file_actions_adddup2(&actions, source, 1) }
        if code == 0 { code = posix_spawn_file_actions_adddup2(&actions, source, 2) }
        if code == 0 { code = posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0) }
        // Last: the dup2s above need `output` open. Nothing else the runner holds reaches the child.
        if code == 0, !SystemCalls.addCloseFrom(&actions, 3) { code = ENOSYS }
        guard code == 0 else { return .failure(SpawnError(code: code)) }

        var defaults = sigset_t()
        sigfillset(&defaults)
        sigdelset(&defaults, SIGKILL)
        sigdelset(&defaults, SIGSTOP)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var pid: pid_t = 0
        let entries = environment.map { "\($0.key)=\($0.value)" }
        code = SystemCalls.withCStrings(argv) { cArgv in
            SystemCalls.withCStrings(entries) { cEnvironment in posix_spawn(&pid, executable, &actions, &attributes, cArgv, cEnvironment) }
        }
        return code == 0 ? .success(pid) : .failure(SpawnError(code: code))
    }

    struct SpawnError: Error, CustomStringConvertible {
        var code: Int32
        var description: String { String(cString: strerror(code)) }
    }

    /// A `waitpid` status as the launcher reports it (WIFEXITED/WEXITSTATUS, WTERMSIG: macros Swift cannot call).
    static func outcome(ofWaitStatus status: Int32) -> LaunchOutcome {
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }
}
