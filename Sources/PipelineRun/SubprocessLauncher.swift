import Foundation
import Subprocess
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Launches with swift-subprocess: no shell, argv as an array, an explicit environment, stdin from /dev/null,
/// stdout and stderr appended to the task's log file, and the child as the leader of its own process group, so a
/// timeout or a signal terminates everything it started (SIGTERM to the group, SIGKILL after the grace period).
public struct SubprocessLauncher: TaskLauncher {
    public init() {}

    public func launch(_ request: LaunchRequest) async -> LaunchOutcome {
        guard let first = request.argv.first, let executable = ExecutableLookup.resolve(first, environment: request.environment) else {
            return .notStarted("executable '\(request.argv.first ?? "")' not found in PATH")
        }
        let fd = open(request.logFile.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            return .notStarted("cannot open log file \(request.logFile.path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }

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
                        output: .fileDescriptor(.init(rawValue: fd), closeAfterSpawningProcess: false),
                        error: .fileDescriptor(.init(rawValue: fd), closeAfterSpawningProcess: false)
                    ) { execution in
                        groupID.set(execution.processIdentifier.value)
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
                    if timedOut, let seconds = request.timeout.map(Self.seconds) { return .timedOut(seconds: seconds) }
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
        // Whatever the leader did, nothing it started may outlive it (daemonised helpers, ignored SIGTERM).
        if let pgid = groupID.value { kill(-pgid, SIGKILL) }
        return outcome
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

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
