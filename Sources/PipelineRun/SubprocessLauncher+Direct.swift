import Basics
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SubprocessLauncher {
    /// `prepare`, `DirectSpawn`, the wait for the exit and `endGroup`, on a thread of the child's own: `posix_spawn` holds its
    /// caller until the child has exec'd and creating a log file can take a millisecond on a busy file system,
    /// neither of which may stall the cooperative pool (one thread per core) while a wave starts. A timeout or a
    /// cancellation terminates the group (`GroupStop`) and still waits for the exit, as swift-subprocess's
    /// teardown does.
    static func runDirect(_ request: LaunchRequest) async -> (outcome: LaunchOutcome, pump: OutputPump?) {
        let spawned = OneShot<Result<(pid: pid_t, pump: OutputPump), NotStarted>>()
        let exit = OneShot<Int32?>()
        ThreadReserve.shared.run {
            let prepared: Prepared
            switch prepare(request) {
            case .failure(let notStarted):
                spawned.deliver(.failure(notStarted))
                return
            case .success(let made): prepared = made
            }
            let result = DirectSpawn.spawn(
                executable: prepared.executable, argv: [prepared.executable] + request.argv.dropFirst(),
                environment: request.environment, workingDirectory: request.workingDirectory, output: prepared.output)
            // Only the child may hold the write end now, so the pump sees EOF when the task's processes are gone.
            close(prepared.output)
            guard case .success(let pid) = result else {
                if case .failure(let error) = result {
                    spawned.deliver(.failure(NotStarted(outcome: .notStarted("cannot start \(prepared.executable): \(error)"))))
                }
                return
            }
            // Recorded before anyone hears of the child: the watchdog and the next run's reaper find it from here on.
            request.runState?.recordGroup(pid)
            spawned.deliver(.success((pid, prepared.pump)))
            var status: Int32 = 0
            var waited = waitpid(pid, &status, 0)
            while waited < 0, errno == EINTR { waited = waitpid(pid, &status, 0) }
            endGroup(pid, request)
            exit.deliver(waited == pid ? status : nil)
        }
        let pid: pid_t
        let pump: OutputPump
        switch await spawned.value() {
        case .failure(let notStarted): return (notStarted.outcome, nil)
        case .success(let started): (pid, pump) = started
        }
        let stop = GroupStop(pgid: pid, grace: request.gracePeriod, exit: exit)
        let outcome = await withTaskCancellationHandler {
            await raceTimeout(request.timeout, stop: stop.start) {
                // Only an error of waitpid itself (the child reaped elsewhere) has no status: a failure.
                guard let status = await exit.value() else { return .exited(-1) }
                return DirectSpawn.outcome(ofWaitStatus: status)
            }
        } onCancel: {
            stop.start()
        }
        return (outcome, pump)
    }

    /// SIGTERM to the group, SIGKILL to it after the grace period unless the leader exited: once, whoever asks
    /// first (the timeout, a cancellation).
    final class GroupStop: Sendable {
        private let pgid: pid_t
        private let grace: Duration
        private let exit: OneShot<Int32?>
        private let started = Mutex(false)

        init(pgid: pid_t, grace: Duration, exit: OneShot<Int32?>) {
            self.pgid = pgid
            self.grace = grace
            self.exit = exit
        }

        func start() {
            guard started.withLock({ started in defer { started = true }; return !started }) else { return }
            kill(-pgid, SIGTERM)
            let (pgid, grace, exit) = (pgid, grace, exit)
            Task.detached {
                try? await Task.sleep(for: grace)
                if !exit.isDelivered { kill(-pgid, SIGKILL) }
            }
        }
    }
}
