import Foundation
import Testing
import TestSupport

/// The helpers must wait for children without holding a cooperative-pool thread (the pool has one per core, two
/// in CI). Proof by dependency, not by time: more children than pool threads wait for a release file that only
/// another task of this process writes, after it has seen them all start. A helper that blocked its thread would
/// leave no thread for that task, and the children would end on their own fallback instead (exit 3 after 60 s).
@Suite struct BlockingTests {
    /// More waiters than the pool has threads.
    static let waiters = ProcessInfo.processInfo.activeProcessorCount + 2

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-blocking-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Marks itself started, then waits for `release` (exit 0) or gives up after 60 s (exit 3).
    static func waiter(_ index: Int, in folder: URL) -> [String] {
        ["-c", "touch \"$1/started.\(index)\"; i=0; while [ ! -e \"$1/release\" ]; do i=$((i+1)); [ $i -gt 1200 ] && exit 3; sleep 0.05; done; echo released \(index)", "waiter", folder.path]
    }

    /// Polls (suspending) until every waiter has started, then writes the release file.
    static func release(_ folder: URL) async throws {
        while (0..<waiters).contains(where: { !FileManager.default.fileExists(atPath: folder.appendingPathComponent("started.\($0)").path) }) {
            try await Task.sleep(for: .milliseconds(20))
        }
        try Data().write(to: folder.appendingPathComponent("release"))
    }

    @Test func commandRunLeavesThePoolFreeWhileChildrenRun() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let results = try await withThrowingTaskGroup(of: CommandResult?.self) { group in
            for index in 0..<Self.waiters {
                group.addTask { try await Command.run("/bin/sh", Self.waiter(index, in: folder)) }
            }
            group.addTask { try await Self.release(folder); return nil }
            return try await group.reduce(into: [CommandResult]()) { if let result = $1 { $0.append(result) } }
        }
        #expect(results.count == Self.waiters)
        #expect(results.allSatisfy { $0.status == 0 })
        #expect(Set(results.map(\.stdout)) == Set((0..<Self.waiters).map { "released \($0)\n" }))
    }

    @Test func finishWaitsForAStartedProcessAndDrainsBothPipes() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let results = try await withThrowingTaskGroup(of: CommandResult?.self) { group in
            for index in 0..<Self.waiters {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = Self.waiter(index, in: folder)
                let out = Pipe(), err = Pipe()
                process.standardOutput = out
                process.standardError = err
                try process.run()
                group.addTask { await Command.finish(process, stdout: out, stderr: err) }
            }
            group.addTask { try await Self.release(folder); return nil }
            return try await group.reduce(into: [CommandResult]()) { if let result = $1 { $0.append(result) } }
        }
        #expect(results.count == Self.waiters)
        #expect(results.allSatisfy { $0.status == 0 && $0.stderr.isEmpty })
    }

    /// Output far beyond a pipe's 64 KiB buffer on both streams at once: neither read may starve the other.
    @Test func largeOutputOnBothStreamsAndStdin() async throws {
        let script = "head -c 1000000 /dev/zero | tr '\\0' o; head -c 1000000 /dev/zero | tr '\\0' e >&2; wc -c"
        let input = String(repeating: "i", count: 300_000)
        let result = try await Command.run("/bin/sh", ["-c", script], stdin: input)
        #expect(result.status == 0)
        #expect(result.stdout.count == 1_000_000 + "300000\n".count)
        #expect(result.stdout.hasSuffix("300000\n"))
        #expect(result.stderr.count == 1_000_000)
    }

    @Test func blockingRunReturnsTheValueAndRethrowsTypedErrors() async {
        enum Failure: Error, Equatable { case expected }
        #expect(await Blocking.run { 41 + 1 } == 42)
        await #expect(throws: Failure.expected) { try await Blocking.run { () throws(Failure) -> Int in throw .expected } }
    }
}
