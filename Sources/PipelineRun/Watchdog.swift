import Basics
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The runner's lifeline: a small process per run (`pdm-pipeline _watchdog`) whose stdin is the read end of a
/// pipe only the runner holds (close-on-exec, so no task inherits it). However the runner ends, kill -9 included,
/// the kernel closes its end; the watchdog reads EOF, stops every task process of the run (`OrphanReaper`:
/// SIGTERM, grace, SIGKILL) and removes the run's private scripts. A parent-death signal cannot do this here:
/// swift-subprocess has no pre-exec hook for `prctl(PR_SET_PDEATHSIG)`, and that signal follows the thread
/// that forked, not the process.
///
/// The watchdog leads its own process group (a terminal's Ctrl-C reaches the runner, not it), ignores SIGINT,
/// SIGTERM and SIGHUP (it stops when its runner does), and gets an environment with nothing secret in it.
public enum Watchdog {
    public static let subcommand = "_watchdog"

    /// The watchdog's side: waits for EOF on stdin, then cleans up. Returns the process's exit code.
    public static func serve(folder: RunStateFolder, correlationID: String, grace: Duration) -> Int32 {
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] { signal(sig, SIG_IGN) }
        // Every process of the run descends from the runner, so none started before it: the scan of /proc reads
        // the environment of younger processes only. Read now, while the parent is still the runner.
        let runnerStart = ProcessTable.stat(getppid())?.startTime
        var byte: UInt8 = 0
        while true {
            let n = unistdRead(0, &byte, 1)
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
        }
        var reaper = OrphanReaper(folder: folder, correlationID: correlationID, grace: grace)
        reaper.startedSince = runnerStart
        let outcome = reaper.reap()
        folder.removeScripts()
        if !outcome.stopped.isEmpty {
            folder.log("runner gone: stopped \(outcome.stopped.count) task process(es) \(outcome.stopped); still alive: \(outcome.survivors)")
        }
        return outcome.survivors.isEmpty ? 0 : 1
    }

    /// Starts the watchdog; `executable` is this program (`/proc/self/exe` resolved).
    public static func spawn(executable: String, folder: RunStateFolder, correlationID: String, grace: Duration) throws(RunError) -> Handle {
        guard let (readEnd, writeEnd) = SystemCalls.pipe() else {
            throw .privateFileUnusable(path: folder.root.path, reason: "cannot create the watchdog's pipe: \(String(cString: strerror(errno)))")
        }
        defer { close(readEnd) }
        let seconds = grace.inSeconds
        let argv = [executable, subcommand, "--folder", folder.root.path, "--run-key", folder.key,
                    "--correlation-id", correlationID, "--grace", String(seconds)]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, readEnd, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Whatever the runner has open without close-on-exec (a task's pipe, a log) must not keep living in it.
        SystemCalls.addCloseFrom(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] { sigaddset(&defaults, sig) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        // Nothing of the runner's environment (secrets, credentials) goes to the watchdog.
        let environment = ["PATH=/usr/bin:/bin", "PDM_WATCHDOG=1"]
        var pid: pid_t = 0
        let result = SystemCalls.withCStrings(argv) { cArgv in
            SystemCalls.withCStrings(environment) { cEnv in posix_spawn(&pid, executable, &actions, &attributes, cArgv, cEnv) }
        }
        guard result == 0 else {
            close(writeEnd)
            throw .privateFileUnusable(path: executable, reason: "cannot start the watchdog: \(String(cString: strerror(result)))")
        }
        return Handle(pid: pid, lifeline: writeEnd)
    }

    /// The runner's end: holding it open keeps the watchdog waiting.
    public final class Handle: Sendable {
        public let pid: pid_t
        private let lifeline: Mutex<Int32>

        init(pid: pid_t, lifeline: Int32) {
            self.pid = pid
            self.lifeline = Mutex(lifeline)
        }

        /// The run is over: the watchdog cleans up (nothing left to stop) and exits; waits for it up to `timeout`.
        public func release(timeout: Duration = .seconds(5)) {
            let fd = lifeline.withLock { fd in defer { fd = -1 }; return fd }
            guard fd >= 0 else { return }
            close(fd)
            let deadline = ContinuousClock.now + timeout
            var status: Int32 = 0
            while waitpid(pid, &status, WNOHANG) == 0, ContinuousClock.now < deadline { usleep(1_000) }
        }

        deinit { release(timeout: .zero) }
    }
}
