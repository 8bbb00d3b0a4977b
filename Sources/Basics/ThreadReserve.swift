import Dispatch
import Foundation
import Synchronization

/// Threads for blocking work, each job on a thread of its own (never queued behind another: a job may block for
/// hours, waiting for a child) and the threads reused: one that finished its job waits `idleSeconds` for the next
/// before it ends. A run of 1,000 tasks would otherwise start and end two threads per task (its child's wait and
/// its output's pump), each a clone, a stack, a name and an exit, on the cores its children need.
public final class ThreadReserve: Sendable {
    /// The process's reserve: `OwnThread`, the task launcher and the output pumps share it.
    public static let shared = ThreadReserve(idleSeconds: 10)

    private final class Worker: Sendable {
        let wake = DispatchSemaphore(value: 0)
        let job = Mutex<(@Sendable () -> Void)?>(nil)
    }

    private let idle = Mutex<[Worker]>([])
    private let idleSeconds: Double

    public init(idleSeconds: Double) {
        self.idleSeconds = idleSeconds
    }

    /// Threads waiting for a job now.
    public var idleCount: Int { idle.withLock { $0.count } }

    /// Runs `job` on an idle thread, or on a new one when none is idle; returns at once.
    public func run(_ job: @escaping @Sendable () -> Void) {
        if let worker = idle.withLock({ $0.popLast() }) {
            worker.job.withLock { $0 = job }
            worker.wake.signal()
            return
        }
        let worker = Worker()
        Thread.detachNewThread { [self] in serve(worker, first: job) }
    }

    private func serve(_ worker: Worker, first: @escaping @Sendable () -> Void) {
        var next: (@Sendable () -> Void)? = first
        while let job = next {
            job()
            idle.withLock { $0.append(worker) }
            if worker.wake.wait(timeout: .now() + idleSeconds) == .timedOut {
                let ended = idle.withLock { idle -> Bool in
                    guard let index = idle.firstIndex(where: { $0 === worker }) else { return false }
                    idle.remove(at: index)
                    return true
                }
                if ended { return }
                // Taken by `run` in the instant it timed out: its job is on the way.
                worker.wake.wait()
            }
            next = worker.job.withLock { job in
                defer { job = nil }
                return job
            }
        }
    }
}
