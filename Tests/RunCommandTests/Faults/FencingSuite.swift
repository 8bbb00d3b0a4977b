import Foundation
import Testing
import TestSupport

/// Reliability suite 2, "fencing": a second runner takes the run over (`--takeover`) at a random instant of a
/// 10-task step; then, separately, the first runner's renewals are blocked past its lease (its state file held
/// locked). The old runner must stop launching the moment it is no longer the owner, and no task may ever run
/// under two Run_Ids at once. Local store; `PDM_FENCING_TRIALS` trials each (default 3), `scripts/fault-fencing`
/// runs 50.
@Suite(.serialized) struct FencingSuite {
    static let trials = Int(ProcessInfo.processInfo.environment["PDM_FENCING_TRIALS"] ?? "") ?? 3
    static let seed = UInt64(ProcessInfo.processInfo.environment["PDM_FAULT_SEED"] ?? "") ?? 20261201

    /// Polls, every 5 ms until both runs ended: the first instant the record showed a Run_Id above 1, and the
    /// last instant each of the old runner's stub processes was seen alive.
    struct Watch {
        var takeoverSeen: Double?
        var lastAlive: [pid_t: Double] = [:]
        /// When each old-runner task process was forked (the kernel's start time), as the instant the runner
        /// launched it: the stub's own start line comes later, after the shell started.
        var forked: [pid_t: Double] = [:]
    }

    /// The epoch instant `pid` was forked, from `/proc/PID/stat` (clock ticks since boot) and `/proc/uptime`.
    static func forkTime(_ pid: pid_t) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")"),
              let uptime = (try? String(contentsOfFile: "/proc/uptime", encoding: .utf8))?.split(separator: " ").first.flatMap({ Double($0) })
        else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let ticks = Double(fields[19]) else { return nil }
        return Date().timeIntervalSince1970 - uptime + ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    static func watch(_ harness: FaultHarness, _ id: String, old: FaultHarness.Launched, new: FaultHarness.Launched?) async -> Watch {
        var watch = Watch()
        while old.process.isRunning || new?.process.isRunning == true {
            let now = Date().timeIntervalSince1970
            if watch.takeoverSeen == nil, let data = FileManager.default.contents(atPath: harness.recordFile(id).path),
               let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], (object["Run_Id"] as? Int ?? 1) > 1 {
                watch.takeoverSeen = now
            }
            for start in old.starts() where Processes.isAlive(start.pid) {
                watch.lastAlive[start.pid] = now
                if watch.forked[start.pid] == nil { watch.forked[start.pid] = Self.forkTime(start.pid) }
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return watch
    }

    /// Task keys whose old-runner copy was alive while the new runner's copy ran.
    static func overlaps(old: FaultHarness.Launched, new: FaultHarness.Launched, watch: Watch) -> Int {
        let oldEnds = Dictionary(old.events().filter { $0.kind == "end" }.map { ($0.task, $0.time) }) { max($0, $1) }
        let newEvents = new.events()
        var count = 0
        for start in old.starts() {
            let end = max(watch.lastAlive[start.pid] ?? 0, oldEnds[start.task] ?? start.time)
            for copy in newEvents where copy.kind == "start" && copy.task == start.task {
                let copyEnd = newEvents.last { $0.kind == "end" && $0.task == start.task }?.time ?? .infinity
                if start.time < copyEnd && copy.time < end { count += 1 }
            }
        }
        return count
    }

    @Test func takeoverAtRandomInstants() async throws {
        var random = SeededRandom(seed: Self.seed)
        let harness = try FaultHarness(store: .local, table: "")
        defer { harness.remove() }
        let figures = Figures()
        for name in [
            "trials", "tasks the old runner launched after the takeover write, before noticing it",
            "tasks the old runner started after the lease passed to the new runner", "task keys running under two Run_Ids at once",
            "unfinished tasks skipped", "old runners not exiting 3", "new runs not ending COMPLETED",
        ] { figures.add(name, 0) }
        for trial in 0..<Self.trials {
            let id = "t\(trial)"
            let old = try harness.start("\(id)-old", correlationID: id, lease: 6, pipeline: FaultHarness.fencing)
            try await Task.sleep(for: .milliseconds(200 + Int(random.next() % 1800)))
            let new = try harness.start("\(id)-new", correlationID: id, ["--takeover"], lease: 6, pipeline: FaultHarness.fencing)
            let watch = await Self.watch(harness, id, old: old, new: new)
            let (oldStatus, _) = await old.wait()
            let (newStatus, newErr) = await new.wait()
            figures.add("trials")
            if oldStatus == 0 {
                figures.add("old runs that completed before the takeover")
                continue
            }
            if oldStatus != 3 { figures.add("old runners not exiting 3") }
            if newStatus != 0 {
                figures.add("new runs not ending COMPLETED")
                print("\(id): new run exit \(newStatus): \(newErr.split(separator: "\n").suffix(2).joined(separator: " | "))")
            }
            let seen = watch.takeoverSeen ?? .infinity
            // The lease passes to the new runner when the old one's term ends: the new runner starts nothing
            // before then (it waits), and the old one must have stopped by then. Between the takeover write and
            // the old runner's next write (its next launch or renewal) it may still launch on a lease it had
            // just confirmed: counted apart, and never overlapping the new runner's copies (checked below).
            let handover = new.events().first { $0.kind == "start" }?.time ?? .infinity
            let launched = old.starts().map { (task: $0.task, at: watch.forked[$0.pid] ?? $0.time) }
            figures.add("tasks the old runner started after the lease passed to the new runner", launched.filter { $0.at >= handover }.count)
            figures.add("tasks the old runner launched after the takeover write, before noticing it", launched.filter { $0.at > seen && $0.at < handover }.count)
            figures.add("task keys running under two Run_Ids at once", Self.overlaps(old: old, new: new, watch: watch))
            let all = Set(FaultHarness.tasks["publish"] ?? []).map { $0.replacingOccurrences(of: "publish/publish/", with: "work/publish/") }
            figures.add("unfinished tasks skipped", Set(all).subtracting(old.finished()).subtracting(new.finished()).count)
        }
        figures.print("fencing: takeover at random instants, \(Self.trials) trials (seed \(Self.seed)):")
        #expect(figures["tasks the old runner started after the lease passed to the new runner"] == 0)
        #expect(figures["task keys running under two Run_Ids at once"] == 0)
        #expect(figures["unfinished tasks skipped"] == 0)
        #expect(figures["old runners not exiting 3"] == 0)
        #expect(figures["new runs not ending COMPLETED"] == 0)
    }

    @Test func renewalsBlockedPastTheLease() async throws {
        var random = SeededRandom(seed: Self.seed &+ 1)
        let harness = try FaultHarness(store: .local, table: "")
        defer { harness.remove() }
        let figures = Figures()
        for name in [
            "trials", "tasks the old runner started after its lease ran out", "old-runner tasks alive after its lease ran out",
            "unfinished tasks skipped", "old runners not exiting 5", "reruns not ending COMPLETED",
        ] { figures.add(name, 0) }
        for trial in 0..<Self.trials {
            let id = "b\(trial)"
            let old = try harness.start("\(id)-old", correlationID: id, lease: 6, pipeline: FaultHarness.fencing)
            try await Task.sleep(for: .milliseconds(300 + Int(random.next() % 1200)))
            // On a loaded machine the old runner may not have begun yet: the block starts once its record exists
            // (the lock file's folder is made by the begin).
            for _ in 0..<1200 where old.process.isRunning && !FileManager.default.fileExists(atPath: harness.recordFile(id).path) {
                try await Task.sleep(for: .milliseconds(50))
            }
            // Hold the record's lock, as an unreachable store would: every write of the old runner now waits.
            let lock = open(harness.recordFile(id).appendingPathExtension("lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            #expect(flock(lock, LOCK_EX) == 0)
            let blocked = Date().timeIntervalSince1970
            let lease = Self.leaseExpiry(harness.recordFile(id)) ?? blocked + 6
            // Watch until the lease has run out (and a second more): the old runner's final write waits for the lock.
            var lastAlive = 0.0
            while old.process.isRunning {
                let now = Date().timeIntervalSince1970
                let alive = old.starts().contains { Processes.isAlive($0.pid) }
                if alive { lastAlive = now }
                if now > lease + 1.5 && !alive { break }
                try? await Task.sleep(for: .milliseconds(5))
            }
            close(lock)
            let (oldStatus, _) = await old.wait()
            figures.add("trials")
            if oldStatus == 0 {
                figures.add("old runs that completed before the block")
                continue
            }
            if oldStatus != 5 { figures.add("old runners not exiting 5") }
            // The stored lease is kept to the second (rounded down): a task seen a full second after it is late.
            if lastAlive > lease + 1 { figures.add("old-runner tasks alive after its lease ran out") }
            figures.add("tasks the old runner started after its lease ran out", old.starts().filter { $0.time > lease + 1 }.count)
            let rerun = try harness.start("\(id)-rerun", correlationID: id, lease: 6, pipeline: FaultHarness.fencing)
            let (rerunStatus, _) = await rerun.wait()
            if rerunStatus != 0 { figures.add("reruns not ending COMPLETED") }
            let all = Set((FaultHarness.tasks["publish"] ?? []).map { $0.replacingOccurrences(of: "publish/publish/", with: "work/publish/") })
            figures.add("unfinished tasks skipped", all.subtracting(old.finished()).subtracting(rerun.finished()).count)
        }
        figures.print("fencing: renewals blocked past the lease, \(Self.trials) trials (seed \(Self.seed)):")
        #expect(figures["old-runner tasks alive after its lease ran out"] == 0)
        #expect(figures["tasks the old runner started after its lease ran out"] == 0)
        #expect(figures["old runners not exiting 5"] == 0)
        #expect(figures["reruns not ending COMPLETED"] == 0)
        #expect(figures["unfinished tasks skipped"] == 0)
    }

    static func leaseExpiry(_ record: URL) -> Double? {
        guard let data = FileManager.default.contents(atPath: record.path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let text = object["Lease_Expires_At"] as? String, let date = ISO8601DateFormatter().date(from: text) else { return nil }
        return date.timeIntervalSince1970
    }
}
