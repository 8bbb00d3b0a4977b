import Basics
import Foundation
import Testing

/// `RegularFile.read` reads what the planner and the fingerprints read: whole regular files, nothing else.
@Suite struct RegularFileTests {
    @Test func readsRegularFilesWholeAndRefusesTheRest() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = folder.appendingPathComponent("empty.sql")
        let big = folder.appendingPathComponent("big.sql")
        try Data().write(to: empty)
        let content = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }  // several reads' worth
        try Data(content).write(to: big)
        #expect(RegularFile.read(empty.path) == [])
        #expect(RegularFile.read(big.path) == content)
        #expect(RegularFile.read(big.path, maxBytes: content.count) == content)
        #expect(RegularFile.read(big.path, maxBytes: content.count - 1) == nil)
        #expect(RegularFile.read(folder.path) == nil)  // a folder
        #expect(RegularFile.read(folder.appendingPathComponent("missing").path) == nil)
        let fifo = folder.appendingPathComponent("fifo")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        #expect(RegularFile.read(fifo.path) == nil)  // never blocks on a FIFO
        #expect(RegularFile.read("/dev/zero") == nil)  // never reads a device without end
    }
}
