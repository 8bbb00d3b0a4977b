import Foundation
@testable import PipelineRun
import Testing

/// `ProcessTable.stat` is how a recorded group leader is told from a stranger reusing its pid: its fields must be
/// read right whatever the process calls itself (the name is the only free text in the line).
@Suite struct ProcessTableTests {
    @Test func readsThisProcess() throws {
        let me = try #require(ProcessTable.stat(getpid()))
        #expect(me.pid == getpid())
        #expect(me.processGroup == getpgrp())
        #expect(me.isAlive)
        // Field 22 of the line, counted independently.
        let line = try String(contentsOfFile: "/proc/self/stat", encoding: .utf8)
        let afterName = line[line.index(after: line.lastIndex(of: ")")!)...].split(separator: " ")
        #expect(me.startTime == UInt64(afterName[19]))
    }

    @Test func aNameWithParenthesesAndSpacesDoesNotShiftTheFields() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let odd = folder.appendingPathComponent(") 1 2 (x")  // its comm: what a hostile name would forge
        try FileManager.default.createSymbolicLink(atPath: odd.path, withDestinationPath: "/bin/sleep")
        let child = Process()
        child.executableURL = odd
        child.arguments = ["30"]
        try child.run()
        defer { kill(child.processIdentifier, SIGKILL); child.waitUntilExit() }
        let stat = try #require(ProcessTable.stat(child.processIdentifier))
        #expect(stat.processGroup == getpgid(child.processIdentifier))
        #expect(stat.isAlive)
        #expect(stat.startTime >= (ProcessTable.stat(getpid())?.startTime ?? .max))
    }

    @Test func aMissingProcessIsNil() {
        #expect(ProcessTable.stat(pid_t.max) == nil)
    }
}
