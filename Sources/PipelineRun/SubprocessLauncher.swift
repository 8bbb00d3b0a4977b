import Basics
import Foundation
import Subprocess
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Launches with swift-subprocess: no shell, argv as an array, an explicit environment, stdin from /dev/null,
/// stdout and stderr through a pipe into the task's log file with secrets masked (`OutputPump`), and the child as
/// the leader of its own process group, so a timeout or a signal terminates everything it started (SIGTERM to the
/// group, SIGKILL after the grace period). The group is recorded in the run-state folder while it runs.
public struct SubprocessLauncher: TaskLauncher {
    public init() {}

    public func launch(_ request: LaunchRequest) async -> LaunchOutcome {
        guard let first = request.argv.first, let executable = ExecutableLookup.resolve(first, environment: request.environment) else {
            return .notStarted("executable '\(request.argv.first ?? "")' not found in PATH")
        }
        // The child writes into a pipe; the runner masks secrets and appends to the log (0640, never a symlink).
        let logFD = open(request.logFile.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0o640)
        guard logFD >= 0 else {
            return .notStarted("cannot open log file \(request.logFile.path): \(String(cString: strerror(errno)))")
        }
        guard let (readEnd, writeEnd) = SystemCalls.pipe() else {
            close(logFD)
            return .notStarted("cannot create the output pipe: \(String(cString: strerror(errno)))")
        }
        let pump = OutputPump(readEnd: readEnd, logFD: logFD, mask: request.mask)
        let writeEnds = WriteEnds(writeEnd, fcntl(writeEnd, F_DUPFD_CLOEXEC, 0))

        var options = PlatformOptions()
        options.processGroupID = 0
        options.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: request.gracePeriod)]
        let configuration = Configuration(
            executable: .path(.init(executable)),
            arguments: Arguments(Array(request.argv.dropFirst())),
            environment: .custom(Dictionary(uniqueKeysWithValues: request.environment.map { (Environment.Key(rawValue: $0.key)!, $0.value) })),
            workingDirectory: request.workingDirectory.map { .init($0) },
            platformOptions: options)
        let groupID = GroupID()

        let outcome = await withTaskGroup(of: Race.self) { group -> LaunchOutcome in
            group.addTask {
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
                    case .exited(let code): return .process(.exited(code))
                    case .signaled(let signal): return .process(.signaled(signal))
                    }
                } catch {
                    return .process(.notStarted("\(error)"))
                }
            }
            if let timeout = request.timeout {
                group.addTask {
                    do {
                        try await Task.sleep(for: timeout)
                        return .timer
                    } catch {
                        return .timerCancelled
                    }
                }
            }
            var timedOut = false
            while let next = await group.next() {
                switch next {
                case .process(let outcome):
                    group.cancelAll()
                    if timedOut, let seconds = request.timeout.map(\.inSeconds) { return .timedOut(seconds: seconds) }
                    return outcome
                case .timer:
                    // Cancelling the process task makes swift-subprocess run the teardown sequence.
                    timedOut = true
                    group.cancelAll()
                case .timerCancelled:
                    continue
                }
            }
            return .notStarted("no outcome")
        }
        writeEnds.close()
        // Whatever the leader did, nothing it started may outlive it (daemonised helpers, ignored SIGTERM).
        if let pgid = groupID.value {
            kill(-pgid, SIGKILL)
            request.runState?.forgetGroup(pgid)
        }
        await pump.finish()
        return outcome
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
