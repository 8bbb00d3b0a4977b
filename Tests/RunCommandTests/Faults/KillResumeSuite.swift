import Foundation
import Testing
import TestSupport

/// Reliability suite 1, "kill and resume": the runner killed (SIGKILL) or terminated (SIGTERM) at a random
/// instant — in its begin, a step start, a task's end, a state write, the finish, or a `--force` run — then run
/// again as an operator would. Whatever the instant, the rerun does exactly the work that is left.
///
/// `PDM_FAULT_TRIALS` trials per store (default 4, as in CI); `scripts/fault-kill-resume` runs the full count.
@Suite(.serialized) struct KillResumeSuite {
    static let trials = Int(ProcessInfo.processInfo.environment["PDM_FAULT_TRIALS"] ?? "") ?? 4
    static let seed = UInt64(ProcessInfo.processInfo.environment["PDM_FAULT_SEED"] ?? "") ?? 20261201

    @Test func localStore() async throws { try await killAtRandomInstantsThenRerun(store: .local) }

    @Test(.enabled(if: LiveServer.available("PDM_TEST_MOTO_URL"), "moto_server not running: run scripts/test"))
    func dynamoDB() async throws { try await killAtRandomInstantsThenRerun(store: .dynamodb) }

    func killAtRandomInstantsThenRerun(store: FaultHarness.Store) async throws {
        var random = SeededRandom(seed: Self.seed &+ UInt64(store == .local ? 0 : 1))
        let harness = try FaultHarness(store: store, table: "faults-\(UUID().uuidString.prefix(8).lowercased())")
        defer { harness.remove() }
        try await harness.initialiseTable()
        let figures = Figures()
        for name in [
            "trials", "reruns resuming at a wrong step", "completed tasks re-executed before the resume point",
            "unfinished tasks skipped", "orphaned engine processes alive when the rerun started a task",
            "SIGTERM not recorded as cancelled with exit 143", "SIGTERM exits later than grace + 1 s", "reruns not ending COMPLETED",
        ] { figures.add(name, 0) }
        for trial in 0..<Self.trials {
            let signal = trial % 2 == 0 ? SIGKILL : SIGTERM
            let forced = trial % 4 >= 2
            // A SIGTERM is recorded FAILED (the original's way), or CANCELLED with --record-cancelled (every
            // other SIGTERM trial); the rerun resumes the same way after either.
            let recordCancelled = trial % 4 == 3
            try await Self.trial(
                harness, id: "k\(trial)", signal: signal, forced: forced, recordCancelled: recordCancelled, random: &random,
                figures: figures)
        }
        figures.print("kill and resume, \(store) store, \(Self.trials) trials (seed \(Self.seed)):")
        #expect(figures["completed tasks re-executed before the resume point"] == 0)
        #expect(figures["unfinished tasks skipped"] == 0)
        #expect(figures["orphaned engine processes alive when the rerun started a task"] == 0)
        #expect(figures["reruns resuming at a wrong step"] == 0)
        #expect(figures["SIGTERM not recorded as cancelled with exit 143"] == 0)
        #expect(figures["reruns not ending COMPLETED"] == 0)
    }

    /// A run stopped by SIGTERM: FAILED with a "cancelled: ..." reason by default, CANCELLED with the flag.
    static func recordedCancelled(_ record: [String: Any]?, flag: Bool) -> Bool {
        guard let record, let status = record["Status"] as? String else { return false }
        if flag { return status == "CANCELLED" }
        return status == "FAILED" && (record["Failure_Reason"] as? String)?.hasPrefix("cancelled: ") == true
    }

    static func trial(
        _ harness: FaultHarness, id: String, signal: Int32, forced: Bool, recordCancelled: Bool = false,
        random: inout SeededRandom, figures: Figures
    ) async throws {
        if forced {
            let first = try harness.start("\(id)-0", correlationID: id)
            #expect(await first.wait().status == 0)
        }
        let victim = try harness.start(
            "\(id)-1", correlationID: id, (forced ? ["--force"] : []) + (recordCancelled ? ["--record-cancelled"] : []))
        // The fixture's run takes about 2 s; instants spread over it and a little past it.
        try await Task.sleep(for: .milliseconds(Int(random.next() % 2600)))
        let signalled = Date()
        kill(victim.pid, signal)
        let (status, _) = await victim.wait()
        let stopped = Date().timeIntervalSince(signalled)
        let after = try await harness.record(id)
        figures.add("trials")
        if status == 0 {
            figures.add("runs that completed before the signal")
            return
        }
        if signal == SIGTERM {
            figures.add("SIGTERM trials")
            if victim.process.terminationReason == .uncaughtSignal {
                // Delivered while the process was still starting, before `run` installed its handler: the
                // default action ended it (a shell sees 143 all the same) and nothing was begun.
                figures.add("SIGTERM before the handler was installed (nothing begun)")
                if after?["Status"] as? String == "IN_PROGRESS" { figures.add("SIGTERM not recorded as cancelled with exit 143") }
            } else if status != 143 || !Self.recordedCancelled(after, flag: recordCancelled) {
                figures.add("SIGTERM not recorded as cancelled with exit 143")
                print("\(id): SIGTERM after \(String(format: "%.2f", stopped)) s: exit \(status), record \(after ?? [:])")
            }
            if stopped > 2 { figures.add("SIGTERM exits later than grace + 1 s") }
        } else {
            figures.add("SIGKILL trials")
        }
        let resumeStep = after?["Status"] as? String == "COMPLETED" ? nil : after?["CurrentStep"] as? String
        let finishedBefore = victim.finished()

        // The rerun: a SIGKILLed runner left its lease; an operator who knows it is dead takes over.
        let rerun = try harness.start("\(id)-2", correlationID: id, signal == SIGKILL ? ["--takeover"] : [])
        let orphans = victim.pids()
        var lastOrphanSeen = 0.0
        while rerun.process.isRunning {
            if orphans.contains(where: Processes.isAlive) { lastOrphanSeen = Date().timeIntervalSince1970 }
            try await Task.sleep(for: .milliseconds(10))
        }
        let (rerunStatus, rerunErr) = await rerun.wait()
        if let first = rerun.events().first(where: { $0.kind == "start" }), lastOrphanSeen >= first.time {
            figures.add("orphaned engine processes alive when the rerun started a task")
        }
        if rerunStatus == 3, rerunErr.contains("already COMPLETED") {
            // Killed before its begin was written (a --force run): the record is still the completed run's.
            figures.add("killed before the begin was stored")
            return
        }
        if rerunStatus != 0 {
            figures.add("reruns not ending COMPLETED")
            print("\(id) (\(signal == SIGKILL ? "SIGKILL" : "SIGTERM")\(forced ? ", --force" : "")): rerun exit \(rerunStatus): \(rerunErr.split(separator: "\n").suffix(3).joined(separator: " | "))")
        }

        // What the rerun skipped must have been finished before; what it re-ran before its resume point is waste.
        let steps = FaultHarness.steps
        let resumeIndex = resumeStep.map { steps.firstIndex(of: $0) ?? steps.count } ?? 0
        let firstUnfinished = steps.firstIndex { step in !Set(FaultHarness.tasks[step] ?? []).isSubset(of: finishedBefore) } ?? steps.count
        if resumeIndex > firstUnfinished || resumeIndex < firstUnfinished - 1 { figures.add("reruns resuming at a wrong step") }
        let rerunStarted = rerun.started()
        let before = Set(steps[..<resumeIndex].flatMap { FaultHarness.tasks[$0] ?? [] })
        figures.add("completed tasks re-executed before the resume point", rerunStarted.filter(before.contains).count)
        let skipped = FaultHarness.allTasks.subtracting(finishedBefore).subtracting(rerun.finished())
        figures.add("unfinished tasks skipped", skipped.count)
        if !skipped.isEmpty { print("\(id): skipped \(skipped.sorted()) (resumed at \(resumeStep ?? "-"), record \(after ?? [:]))") }
        figures.add("tasks re-executed at the resume point (step-level resume)", rerunStarted.filter(finishedBefore.contains).count)
    }
}
