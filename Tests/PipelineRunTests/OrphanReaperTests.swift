import Foundation
import Testing
import TestSupport

@testable import PipelineRun

/// The reaper signals only processes that prove they belong to the run key; a reused pid is never killed.
@Suite struct OrphanReaperTests {
    func sleeper(_ environment: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sleep")
        process.arguments = ["600"]  // outlives any stall of a loaded machine; the defer kills it
        process.environment = environment
        try process.run()
        return process
    }

    @Test func onlyProcessesOfTheKeyAreStoppedAndStaleRecordsAreIgnored() async throws {
        let sandbox = try Sandbox()
        let folder = RunStateFolder(root: sandbox.root.appendingPathComponent("run"), key: "k-\(UUID().uuidString)")
        try folder.prepare()
        let ours = try sleeper(["PDM_RUN_KEY": folder.key, "PDM_CORRELATION_ID": "c1"])
        let otherCorrelation = try sleeper(["PDM_RUN_KEY": folder.key, "PDM_CORRELATION_ID": "c2"])
        let stranger = try sleeper([:])
        defer { [ours, otherCorrelation, stranger].forEach { kill($0.processIdentifier, SIGKILL) } }
        // A record naming the stranger's pid (as if our task's pid had been reused): its start time does not match.
        let strangerStart = try #require(ProcessTable.stat(stranger.processIdentifier)?.startTime)
        try Data("start \(stranger.processIdentifier) \(strangerStart + 1)\n".utf8).write(to: folder.groups)
        // Even with the right start time, a process without the key in its environment is not ours.
        let otherStart = try #require(ProcessTable.stat(otherCorrelation.processIdentifier)?.startTime)
        folder.recordGroup(otherCorrelation.processIdentifier)
        #expect(folder.recordedGroups().map(\.startTime) == [strangerStart + 1, otherStart])

        // reap() sleeps through the grace period: off the cooperative pool.
        let outcome = await Blocking.run { OrphanReaper(folder: folder, correlationID: "c1", grace: .milliseconds(200)).reap() }
        #expect(outcome.stopped == [ours.processIdentifier])
        #expect(outcome.survivors == [])
        await ours.waitForExit()
        #expect(ours.terminationReason == .uncaughtSignal)
        #expect(Processes.isAlive(otherCorrelation.processIdentifier))
        #expect(Processes.isAlive(stranger.processIdentifier))
        #expect(folder.recordedGroups().isEmpty)
    }

    /// The watchdog's reaper reads the environment of processes younger than its runner only (none of the run's
    /// can be older): an older process of the key is left alone, a younger one is stopped.
    @Test func aReaperWithAStartBoundLeavesOlderProcessesAlone() async throws {
        let sandbox = try Sandbox()
        let folder = RunStateFolder(root: sandbox.root.appendingPathComponent("run"), key: "k-\(UUID().uuidString)")
        try folder.prepare()
        let older = try sleeper(["PDM_RUN_KEY": folder.key, "PDM_CORRELATION_ID": "c1"])
        defer { kill(older.processIdentifier, SIGKILL) }
        let bound = try #require(ProcessTable.stat(older.processIdentifier)?.startTime) + 1
        // Start times are in clock ticks (100 a second): the younger one starts after the bound.
        try await Task.sleep(for: .milliseconds(50))
        let younger = try sleeper(["PDM_RUN_KEY": folder.key, "PDM_CORRELATION_ID": "c1"])
        defer { kill(younger.processIdentifier, SIGKILL) }
        #expect(try #require(ProcessTable.stat(younger.processIdentifier)?.startTime) >= bound)

        var reaper = OrphanReaper(folder: folder, correlationID: "c1", grace: .milliseconds(200))
        reaper.startedSince = bound
        let bounded = reaper
        let outcome = await Blocking.run { bounded.reap() }
        #expect(outcome.stopped == [younger.processIdentifier])
        #expect(Processes.isAlive(older.processIdentifier))
    }

    @Test func aProcessThatIgnoresSIGTERMIsKilledAfterTheGracePeriod() async throws {
        let sandbox = try Sandbox()
        let folder = RunStateFolder(root: sandbox.root.appendingPathComponent("run"), key: "k-\(UUID().uuidString)")
        try folder.prepare()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "trap '' TERM; sleep 30 & wait"]
        process.environment = ["PDM_RUN_KEY": folder.key, "PDM_CORRELATION_ID": "c1"]
        try process.run()
        defer { kill(process.processIdentifier, SIGKILL) }
        for _ in 0..<100 where (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(process.processIdentifier)/task")) == nil {
            try await Task.sleep(for: .milliseconds(10))
        }
        try await Task.sleep(for: .milliseconds(100))
        // reap() sleeps through the grace period: off the cooperative pool.
        let outcome = await Blocking.run { OrphanReaper(folder: folder, correlationID: "c1", grace: .milliseconds(200)).reap() }
        #expect(outcome.stopped.contains(process.processIdentifier))
        #expect(outcome.survivors == [])
        await process.waitForExit()
        #expect(process.terminationStatus == SIGKILL)
    }

    @Test func privateFilesAreCreatedOnlyOnceAndNeverThroughASymlink() throws {
        let sandbox = try Sandbox()
        let folder = sandbox.root.appendingPathComponent("private")
        try PrivateFiles.makeFolder(folder)
        var info = stat()
        #expect(lstat(folder.path, &info) == 0 && info.st_mode & 0o777 == 0o700)
        let file = folder.appendingPathComponent("a.hql")
        try PrivateFiles.write(Data("SET hivevar:pw=x;\n".utf8), to: file)
        #expect(lstat(file.path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(throws: RunError.self) { try PrivateFiles.write(Data("again".utf8), to: file) }
        let target = sandbox.root.appendingPathComponent("elsewhere")
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("link.hql"), withDestinationURL: target)
        #expect(throws: RunError.self) { try PrivateFiles.write(Data("x".utf8), to: folder.appendingPathComponent("link.hql")) }
        #expect(!FileManager.default.fileExists(atPath: target.path))
        // A folder that is a symlink is refused, whatever it points to.
        try FileManager.default.createSymbolicLink(at: sandbox.root.appendingPathComponent("linked"), withDestinationURL: folder)
        #expect(throws: RunError.self) { try PrivateFiles.makeFolder(sandbox.root.appendingPathComponent("linked")) }
    }
}
