import Foundation
import Testing
@testable import PipelineState

/// The local store's files are private and never written through a symlink (issue 18, items 6 and 12), the
/// Run_Id bound holds on this store (item 14), and `status`/`runs` print stored values on one line (item 13).
@Suite struct PrivateRecordFileTests {
    func mode(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & 0o777 : 0
    }

    @Test func recordsAndLocksAre0600InA0700Folder() async throws {
        let parent = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let folder = parent.appendingPathComponent("state")
        let store = LocalFileStateStore(directory: folder)
        let outcome = try await store.begin(request())
        try await store.stepStarted(outcome.handle, step: "model", carriedTasks: [], at: t0)
        #expect(mode(folder.path) == 0o700)
        #expect(mode(store.recordURL(for: key).path) == 0o600)
        #expect(mode(store.recordURL(for: key).path + ".lock") == 0o600)
    }

    /// A folder an earlier version made with the umask's mode is narrowed at the next write.
    @Test func anExistingWiderFolderOfOursIsNarrowed() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        chmod(folder.path, 0o777)
        _ = try await LocalFileStateStore(directory: folder).begin(request())
        #expect(mode(folder.path) == 0o700)
    }

    /// The temporary file had a predictable name (`.<record>.<pid>.tmp`) and was opened with O_CREAT|O_TRUNC:
    /// a symlink planted there made the store overwrite the file it pointed to. Now every name it could use
    /// is refused as a link, and the temporary file's name is random.
    @Test func aPlantedSymlinkIsNeverWrittenThrough() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = LocalFileStateStore(directory: folder)
        let record = store.recordURL(for: key)
        let victim = folder.appendingPathComponent("victim.txt")
        try "precious\n".write(to: victim, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent(".\(record.lastPathComponent).\(getpid()).tmp").path, withDestinationPath: victim.path)
        _ = try await store.begin(request())
        #expect(try String(contentsOf: victim, encoding: .utf8) == "precious\n")
        #expect(try await store.read(key)?.runID == 1)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers == [".\(record.lastPathComponent).\(getpid()).tmp"])  // only the planted link

        // The lock file planted as a link: the store refuses (one line) rather than create or lock another file.
        let lock = folder.appendingPathComponent(record.lastPathComponent + ".lock")
        try FileManager.default.removeItem(at: lock)
        let elsewhere = folder.appendingPathComponent("not-created")
        try FileManager.default.createSymbolicLink(atPath: lock.path, withDestinationPath: elsewhere.path)
        do {
            _ = try await store.read(key)
            Issue.record("read through a planted lock symlink")
        } catch {
            #expect(error.description.hasPrefix("state store unavailable: cannot open lock file \(lock.path): "))
        }
        #expect(!FileManager.default.fileExists(atPath: elsewhere.path))
    }

    @Test func aRecordAtTheLargestRunIdIsReadButNeverBegunAgain() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = LocalFileStateStore(directory: folder)
        let handle = try await store.begin(request()).handle
        try await store.finish(handle, status: .failed, reason: "x", at: t0)
        let url = store.recordURL(for: key)
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "\"Run_Id\" : 1", with: "\"Run_Id\" : 2147483647")
        try text.write(to: url, atomically: false, encoding: .utf8)
        #expect(try await store.read(key)?.runID == 2147483647)
        await #expect(throws: StateError.runIDExhausted(key, runID: 2147483647)) { try await store.begin(request()) }
        #expect(try String(contentsOf: url, encoding: .utf8) == text)
    }

    @Test func storedTextIsPrintedOnOneLineWithControlCharactersEscaped() {
        var record = stored(.failed, step: "mo\u{1B}[2Jdel")
        record.failureReason = "line one\nline two\r\t\u{1B}]0;title\u{07}\u{2028}end"
        let text = record.text
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 16)  // one per attribute
        #expect(lines.contains { $0.hasPrefix("CurrentStep ") && $0.hasSuffix(" mo\\u{1B}[2Jdel") })
        #expect(lines.contains { $0.hasPrefix("Failure_Reason ") && $0.hasSuffix(" line one\\nline two\\r\\t\\u{1B}]0;title\\u{7}\\u{2028}end") })
        #expect(!text.unicodeScalars.contains { $0 != "\n" && $0.properties.generalCategory == .control })
        let listing = RunListing(records: [record]).text(now: t0)
        #expect(listing.split(separator: "\n").count == 2)
        #expect(listing.contains("mo\\u{1B}[2Jdel"))
    }
}
