import Foundation
@testable import PipelineRun
import Testing

/// The engine is found as `execvp` would find it, in the child's PATH: a folder or a file without the execute bit
/// is skipped, a symlink to an executable is taken, an empty PATH entry is the working directory.
@Suite struct ExecutableLookupTests {
    @Test func findsWhatExecvpWouldAndSkipsWhatItCannotRun() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("lookup-\(UUID().uuidString)")
        let (a, b, c) = (base.appendingPathComponent("a"), base.appendingPathComponent("b"), base.appendingPathComponent("c"))
        for folder in [a, b, c] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        defer { try? FileManager.default.removeItem(at: base) }
        // a/hive is a folder, b/hive is not executable, c/hive is a symlink to an executable.
        try FileManager.default.createDirectory(at: a.appendingPathComponent("hive"), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: b.appendingPathComponent("hive").path, contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o644])
        let real = base.appendingPathComponent("real-hive")
        FileManager.default.createFile(atPath: real.path, contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755])
        try FileManager.default.createSymbolicLink(atPath: c.appendingPathComponent("hive").path, withDestinationPath: real.path)

        let path = [a.path, b.path, c.path].joined(separator: ":")
        #expect(ExecutableLookup.resolve("hive", environment: ["PATH": path]) == c.path + "/hive")
        #expect(ExecutableLookup.resolve("hive", environment: ["PATH": [a.path, b.path].joined(separator: ":")]) == nil)
        #expect(ExecutableLookup.resolve(real.path, environment: [:]) == real.path)
        #expect(ExecutableLookup.resolve(a.appendingPathComponent("hive").path, environment: [:]) == nil)
        #expect(ExecutableLookup.resolve(b.appendingPathComponent("hive").path, environment: [:]) == nil)
        #expect(ExecutableLookup.resolve(base.appendingPathComponent("missing").path, environment: [:]) == nil)
    }
}
