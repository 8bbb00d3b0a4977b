import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stops every process of a run key that is still alive: SIGTERM to each process group, SIGKILL after the grace
/// period, then waits until they are gone. Run by the watchdog when its runner dies, and by every run before its
/// first task (after the state store has made the run ours), so a rerun never starts a task while an earlier copy
/// of it still writes the same table.
///
/// A process is ours only if it proves it: a recorded group's leader must have the recorded start time, and
/// every process must carry `PDM_RUN_KEY` and `PDM_CORRELATION_ID` of this key in the environment it was started
/// with (`/proc/PID/environ`). A reused pid is never signalled. The scan of `/proc` also finds what a record
/// cannot: a task that started in the instant before it was recorded, members of a group whose leader is gone.
public struct OrphanReaper: Sendable {
    public var folder: RunStateFolder
    public var correlationID: String
    public var grace: Duration
    /// Never signalled: the runner itself, its watchdog.
    public var excluding: Set<pid_t>
    /// When known (the watchdog knows its runner's start), processes started before it are not ours: the scan
    /// of /proc does not read their environment.
    public var startedSince: UInt64?

    public init(folder: RunStateFolder, correlationID: String, grace: Duration, excluding: Set<pid_t> = [getpid()]) {
        self.folder = folder
        self.correlationID = correlationID
        self.grace = grace
        self.excluding = excluding
    }

    public struct Outcome: Sendable, Hashable {
        /// Processes found alive and signalled.
        public var stopped: [pid_t]
        /// Still alive after SIGKILL and the wait (a process in uninterruptible sleep): the run must not start.
        public var survivors: [pid_t]
    }

    /// Blocks until done (at most the grace period plus 5 s); call it off the cooperative pool.
    public func reap() -> Outcome {
        let found = members()
        guard !found.isEmpty else {
            folder.forgetAllGroups()
            return Outcome(stopped: [], survivors: [])
        }
        let ownGroup = getpgrp()
        let groups = Set(found.compactMap { ProcessTable.stat($0)?.processGroup }).filter { $0 > 1 && $0 != ownGroup }
        signal(SIGTERM, groups: groups, members: found)
        var alive = wait(found, for: grace)
        if !alive.isEmpty {
            let remaining = Set(alive).union(members())
            signal(SIGKILL, groups: groups, members: remaining)
            alive = wait(remaining, for: .seconds(5))
        }
        if alive.isEmpty { folder.forgetAllGroups() }
        return Outcome(stopped: found.sorted(), survivors: alive.sorted())
    }

    /// Live processes of this key: recorded group leaders that are who the record says, and every process whose
    /// environment names this key.
    func members() -> Set<pid_t> {
        var found: Set<pid_t> = []
        for (pgid, start) in folder.recordedGroups() {
            guard let stat = ProcessTable.stat(pgid), stat.isAlive, stat.startTime == start, belongs(pgid) else { continue }
            found.insert(pgid)
        }
        for pid in ProcessTable.allPIDs() where !excluding.contains(pid) && !found.contains(pid) {
            guard let stat = ProcessTable.stat(pid), stat.isAlive, stat.startTime >= startedSince ?? 0, belongs(pid) else { continue }
            found.insert(pid)
        }
        return found.subtracting(excluding)
    }

    func belongs(_ pid: pid_t) -> Bool {
        guard let environment = ProcessTable.environment(pid) else { return false }
        return environment.contains("PDM_RUN_KEY=\(folder.key)") && environment.contains("PDM_CORRELATION_ID=\(correlationID)")
    }

    private func signal(_ signal: Int32, groups: Set<pid_t>, members: Set<pid_t>) {
        for group in groups { kill(-group, signal) }
        for pid in members { kill(pid, signal) }
    }

    /// Polls every 20 ms until none of `pids` is alive (as a process of this key: a pid reused meanwhile is not
    /// waited for) or `duration` has passed; returns those still alive.
    private func wait(_ pids: some Collection<pid_t>, for duration: Duration) -> [pid_t] {
        let deadline = ContinuousClock.now + duration
        let isOurs = { (pid: pid_t) in ProcessTable.isAlive(pid) && belongs(pid) }
        var alive = pids.filter(isOurs)
        while !alive.isEmpty, ContinuousClock.now < deadline {
            usleep(20_000)
            alive = alive.filter(isOurs)
        }
        return alive
    }
}
