import Foundation
import Testing
import TestSupport

@testable import PipelineRun

/// The run-state folder's `groups` journal: what the watchdog and the reaper read after a runner died.
@Suite struct GroupJournalTests {
    /// The sandbox is removed when the suite value goes, after each test.
    let sandbox: Sandbox
    let folder: RunStateFolder

    init() throws {
        sandbox = try Sandbox()
        folder = RunStateFolder(root: sandbox.root.appendingPathComponent("run"), key: "k")
        try folder.prepare()
    }

    func journal(_ text: String) throws {
        try Data(text.utf8).write(to: folder.groups)
    }

    @Test func aGroupCountsFromItsStartUntilItsEnd() throws {
        try journal("start 100 7\nstart 200 8\nend 100\nstart 300 9\n")
        #expect(folder.recordedGroups().map(\.pgid) == [200, 300])
        #expect(folder.recordedGroups().map(\.startTime) == [8, 9])
    }

    @Test func aReusedGroupIDCountsWithItsNewStartTime() throws {
        try journal("start 100 7\nend 100\nstart 100 42\n")
        #expect(folder.recordedGroups().map(\.startTime) == [42])
    }

    /// A kill mid-append leaves a line without its end; the next append follows it on the same line.
    @Test func tornAndForeignLinesAreSkipped() throws {
        try journal("start 100 7\nstart 2start 300 9\nend\nstart 1 5\nstart -4 5\nrm -rf /\nstart 400 x\nstart 500 11")
        #expect(folder.recordedGroups().map(\.pgid) == [100, 500])
    }

    @Test func theRunnersOwnProcessIsRecordedWithItsStartTimeAndForgotten() throws {
        let me = getpid()
        folder.recordGroup(me)
        #expect(folder.recordedGroups().map(\.pgid) == [me])
        #expect(folder.recordedGroups().first?.startTime == ProcessTable.stat(me)?.startTime)
        folder.forgetGroup(me)
        #expect(folder.recordedGroups().isEmpty)
        folder.forgetAllGroups()
        #expect(!FileManager.default.fileExists(atPath: folder.groups.path))
    }

    /// Tasks of a wave start and end on many threads at once: no line may split another.
    @Test func concurrentAppendsKeepEveryLineWhole() async throws {
        let me = getpid()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<16 {
                group.addTask { for _ in 0..<200 { folder.recordGroup(me); folder.forgetGroup(me) } }
            }
        }
        let lines = try String(contentsOf: folder.groups, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 16 * 200 * 2)
        #expect(lines.allSatisfy { $0.hasPrefix("start \(me) ") || $0 == "end \(me)" })
    }

    @Test func theJournalIsPrivateAndNeverFollowsALink() throws {
        folder.recordGroup(getpid())
        var info = stat()
        #expect(stat(folder.groups.path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        folder.forgetAllGroups()
        let target = sandbox.root.appendingPathComponent("victim")
        try Data("keep\n".utf8).write(to: target)
        #expect(symlink(target.path, folder.groups.path) == 0)
        folder.recordGroup(getpid())
        #expect(try String(contentsOf: target, encoding: .utf8) == "keep\n")
    }
}
