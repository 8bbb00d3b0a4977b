import Basics
import Foundation
import PipelineState
import Synchronization

/// Keeps the run's lease and fences the runner off the moment it can no longer prove the run is its own.
///
/// - Every renewal is a write conditional on this run's Run_Id and owner. One that reports `superseded` stops the
///   run at once (no new task; running process groups are terminated) with exit 3; so does any other write that
///   finds the run superseded (`noticed`).
/// - The lease is known to hold until `validUntil` (the start of the last successful renewal plus the lease, by
///   this runner's clock: a conservative bound, and exactly the instant the stored lease names). When renewals
///   keep failing, the run stops `margin` before that instant, so its tasks are gone before another runner may
///   take over an expired lease.
/// - Every attempt, first or retry, asks `check()` (`RunDriver`: a lease too short is an event for `RunMachine`,
///   which stops the run): no stop requested and the lease valid for at least `margin` more by this runner's own
///   clock. That needs no write: another runner takes over only an
///   expired lease, or waits out a live one after `--takeover` (`Runner.waitForPreviousOwner`), and by then this
///   runner has stopped launching and its tasks are gone. Renewals run in the background every third of the
///   lease, timed by the run's clock (`RunClock.timer`), as every wait of a run is.
final class RunFence: Sendable {
    let recorder: StateRecorder
    let leaseSeconds: TimeInterval
    /// How long before the lease runs out the runner stops (task groups need the grace period to end).
    let margin: TimeInterval
    private let cancellation: RunCancellation
    private let reporter: any RunReporter
    private let validUntil: Mutex<Date>

    init(recorder: StateRecorder, leaseSeconds: TimeInterval, gracePeriod: Duration, begunAt: Date, cancellation: RunCancellation, reporter: any RunReporter) {
        self.recorder = recorder
        self.leaseSeconds = leaseSeconds
        self.margin = min(gracePeriod.inSeconds + 2, leaseSeconds / 3)
        self.cancellation = cancellation
        self.reporter = reporter
        self.validUntil = Mutex(begunAt.addingTimeInterval(leaseSeconds))
    }

    /// What a launch may do now: go ahead, nothing (the run is stopping), or nothing because the lease is too
    /// close to running out by this runner's own clock (the caller stops the run: `RunMachine` decides it).
    enum LaunchCheck: Sendable, Equatable {
        case allowed
        case stopping
        case leaseRunningOut(String)
    }

    func check() -> LaunchCheck {
        guard !stopRequested else { return .stopping }
        guard recorder.clock.now() < stopAt else {
            let until = validUntil.withLock { $0 }
            return .leaseRunningOut("not renewed in time; it runs out at \(until.formatted(.iso8601))")
        }
        return .allowed
    }

    /// Stops the run (the first reason wins): no new task, running process groups are terminated.
    func stop(_ reason: StopReason) { cancellation.stop(reason) }

    /// The reason of the stop, once one was requested.
    var stopReason: StopReason? { cancellation.reason }

    /// A stop was requested (signal, superseded, lease expiring), whether or not the work is cancelled yet.
    var stopRequested: Bool { cancellation.reason != nil }

    private var stopAt: Date { validUntil.withLock { $0 }.addingTimeInterval(-margin) }

    private func expire() {
        if case .leaseRunningOut(let why) = check() { stop(.leaseExpiring(why)) }
    }

    /// Renews the lease; `superseded` also stops the run. Other errors (the store is unreachable after its retry
    /// budget) are the caller's: the lease then runs out by `validUntil`, and launches stop `margin` before it.
    func confirm() async throws(StateError) {
        let until = recorder.clock.now().addingTimeInterval(leaseSeconds)
        do throws(StateError) {
            try await recorder.renewLease(until: until)
            validUntil.withLock { $0 = max($0, until) }
        } catch {
            noticed(error)
            throw error
        }
    }

    /// Any write that finds the run superseded stops it, as a renewal would: running tasks are terminated too.
    func noticed(_ error: StateError) {
        if case .superseded = error { cancellation.stop(.superseded(error)) }
    }

    /// Renews every third of the lease (sooner after a failure) and watches the deadline, until cancelled.
    func keepAlive() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.renewals() }
            group.addTask { await self.deadline() }
            await group.next()
            group.cancelAll()
        }
    }

    private func renewals() async {
        var failed = false
        while !Task.isCancelled {
            let every = failed ? leaseSeconds / 12 : leaseSeconds / 3
            guard (try? await recorder.clock.timer(.milliseconds(Int64(every * 1000)))) != nil else { return }
            do throws(StateError) {
                try await confirm()
                failed = false
            } catch {
                if case .superseded = error { return }
                failed = true
                reporter.report(.notice("lease renewal failed: \(error)"))
            }
        }
    }

    /// Looks at the deadline at least every second by the run's wall clock, which may jump.
    private func deadline() async {
        while !Task.isCancelled {
            let left = stopAt.timeIntervalSince(recorder.clock.now())
            if left <= 0 { return expire() }
            guard (try? await recorder.clock.timer(.milliseconds(Int64(min(left, 1) * 1000) + 1))) != nil else { return }
        }
    }
}
