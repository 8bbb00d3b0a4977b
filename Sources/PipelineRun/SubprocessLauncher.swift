import Basics
import Foundation
import Subprocess
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Launches a child process: no shell, argv as an array, an explicit environment, stdin from /dev/null, stdout and
/// stderr through a pipe into the task's log file with secrets masked (`OutputPump`), and the child as the leader
/// of its own process group, so a timeout or a signal terminates everything it started (SIGTERM to the group,
/// SIGKILL after the grace period). The group is recorded in the run-state folder while it runs.
///
/// Children start with `posix_spawn` on a thread of their own (`DirectSpawn`, `runDirect`) where the C library can
/// close inherited descriptors in a spawn (glibc 2.34: Amazon Linux 2023, Debian 12); elsewhere (Amazon Linux 2)
/// with swift-subprocess, which forks. Both paths keep every rule above; `LauncherTests` run both.
public struct SubprocessLauncher: TaskLauncher {
    public enum Spawner: Sendable, Hashable {
        /// `direct` where this C library allows it, else `library`.
        case automatic
        /// `posix_spawn` from the launching thread (`DirectSpawn`).
        case direct
        /// swift-subprocess.
        case library
    }

    let spawner: Spawner

    public init(spawner: Spawner = .automatic) {
        self.spawner = spawner == .automatic ? (DirectSpawn.isAvailable ? .direct : .library) : spawner
    }

    public func launch(_ request: LaunchRequest) async -> LaunchOutcome {
        if spawner == .direct {
            let (outcome, pump) = await Self.runDirect(request)
            await pump?.finish()
            return outcome
        }
        let prepared: Prepared
        switch Self.prepare(request) {
        case .failure(let notStarted): return notStarted.outcome
        case .success(let made): prepared = made
        }
        let groupID = GroupID()
        let outcome = await Self.runLibrary(request, executable: prepared.executable, output: prepared.output, groupID: groupID)
        if let pgid = groupID.value { Self.endGroup(pgid, request) }
        await prepared.pump.finish()
        return outcome
    }

    /// Whatever the leader did, nothing it started may outlive it (daemonised helpers, ignored SIGTERM).
    static func endGroup(_ pgid: pid_t, _ request: LaunchRequest) {
        kill(-pgid, SIGKILL)
        request.runState?.forgetGroup(pgid)
    }

    /// What a spawn needs, made before it (blocking file work: the direct path does it on the child's thread).
    struct Prepared {
        var executable: String
        /// The pipe's write end, for the child (close-on-exec; closed by whoever spawns).
        var output: Int32
        var pump: OutputPump
    }

    struct NotStarted: Error {
        var outcome: LaunchOutcome
    }

    /// Writes the header, then finds the executable, opens the log and makes the pipe and its pump.
    static func prepare(_ request: LaunchRequest) -> Result<Prepared, NotStarted> {
        // The child writes into a pipe; the runner masks secrets and appends to the log (0640, never a symlink),
        // after the header, through the one descriptor.
        let logFD = LogFolder.openForAppending(request.logFile)
        guard logFD >= 0 else {
            return .failure(NotStarted(outcome: .notStarted("cannot open log file \(request.logFile.path): \(String(cString: strerror(errno)))")))
        }
        if let header = request.header { LogFolder.writeLine(request.mask.apply(header), to: logFD) }
        guard let first = request.argv.first, let executable = ExecutableLookup.resolve(first, environment: request.environment) else {
            close(logFD)
            return .failure(NotStarted(outcome: .notStarted("executable '\(request.argv.first ?? "")' not found in PATH")))
        }
        guard let (readEnd, writeEnd) = SystemCalls.pipe() else {
            close(logFD)
            return .failure(NotStarted(outcome: .notStarted("cannot create the output pipe: \(String(cString: strerror(errno)))")))
        }
        return .success(Prepared(executable: executable, output: writeEnd, pump: OutputPump(readEnd: readEnd, logFD: logFD, mask: request.mask)))
    }

    /// swift-subprocess: cancelling its task runs its teardown sequence. Closes `output`.
    private static func runLibrary(_ request: LaunchRequest, executable: String, output: Int32, groupID: GroupID) async -> LaunchOutcome {
        let writeEnds = WriteEnds(output, fcntl(output, F_DUPFD_CLOEXEC, 0))
        var options = PlatformOptions()
        options.processGroupID = 0
        options.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: request.gracePeriod)]
        let configuration = Configuration(
            executable: .path(.init(executable)),
            arguments: Arguments(Array(request.argv.dropFirst())),
            environment: .custom(Dictionary(uniqueKeysWithValues: request.environment.map { (Environment.Key(rawValue: $0.key)!, $0.value) })),
            workingDirectory: request.workingDirectory.map { .init($0) },
            platformOptions: options)

        // On a timeout, cancelling the wait makes swift-subprocess run the teardown sequence.
        let outcome = await raceTimeout(request.timeout, stop: nil) {
            do {
                let result = try await run(
                    configuration, input: .none,
                    output: .fileDescriptor(.init(rawValue: writeEnds.output), closeAfterSpawningProcess: false),
                    error: .fileDescriptor(.init(rawValue: writeEnds.error), closeAfterSpawningProcess: false)
                ) { execution in
                    // Only the child may hold the write ends now, so the pump sees EOF when the task's
                    // processes are gone.
                    writeEnds.close()
                    let pid = execution.processIdentifier.value
                    groupID.set(pid)
                    request.runState?.recordGroup(pid)
                }
                switch result.terminationStatus {
                case .exited(let code): return .exited(code)
                case .signaled(let signal): return .signaled(signal)
                }
            } catch {
                return .notStarted("\(error)")
            }
        }
        writeEnds.close()
        return outcome
    }

    /// `wait` (the process's outcome) against `timeout`: when the timeout passes first, `stop` ends the process
    /// (without one, cancelling `wait` must) and the outcome is that it timed out, reported once it ended.
    static func raceTimeout(
        _ timeout: Duration?, stop: (@Sendable () -> Void)?, wait: @escaping @Sendable () async -> LaunchOutcome
    ) async -> LaunchOutcome {
        await withTaskGroup(of: Race.self) { group -> LaunchOutcome in
            group.addTask { .process(await wait()) }
            if let timeout {
                group.addTask { (try? await Task.sleep(for: timeout)) != nil ? .timer : .timerCancelled }
            }
            var timedOut = false
            while let next = await group.next() {
                switch next {
                case .process(let outcome):
                    group.cancelAll()
                    if timedOut, let timeout { return .timedOut(seconds: timeout.inSeconds) }
                    return outcome
                case .timer:
                    timedOut = true
                    if let stop { stop() } else { group.cancelAll() }
                case .timerCancelled:
                    continue
                }
            }
            return .notStarted("no outcome")
        }
    }

    /// The pipe's write ends, closed once: right after the spawn, or after a failed one.
    private final class WriteEnds: Sendable {
        let output: Int32
        let error: Int32
        private let open = Mutex(true)

        init(_ output: Int32, _ error: Int32) {
            self.output = output
            self.error = error
        }

        func close() {
            guard open.withLock({ isOpen in defer { isOpen = false }; return isOpen }) else { return }
            _ = Glibc.close(output)
            if error >= 0 { _ = Glibc.close(error) }
        }
    }

    /// The child's pid, which is also its process group id (it leads its own group).
    private final class GroupID: Sendable {
        private let storage = Mutex<pid_t?>(nil)
        func set(_ pid: pid_t) { storage.withLock { $0 = pid } }
        var value: pid_t? { storage.withLock { $0 } }
    }

    private enum Race: Sendable {
        case process(LaunchOutcome)
        case timer
        case timerCancelled
    }
}
