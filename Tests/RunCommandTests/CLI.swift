import Foundation
import Synchronization
import TestSupport

/// Runs the built `pdm-pipeline` binary in a scratch folder (its `.pdm-state` and `logs` stay there); the folder
/// is removed when released.
final class CLI: Sendable {
    let folder: URL
    static let root = LiveServer.repositoryRoot
    static let pipeline = root.appendingPathComponent("Tests/Fixtures/run/stub.pipe").path
    static let stub = root.appendingPathComponent("Tests/Fixtures/bin/stub-engine").path

    /// The binary next to the test bundle (`swift build --build-tests` builds both into one folder).
    static var binary: URL { URL(fileURLWithPath: Command.product("pdm-pipeline")) }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-run-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var record: URL { folder.appendingPathComponent("record.txt") }
    var pids: URL { folder.appendingPathComponent("pids.txt") }

    typealias Result = CommandResult

    func start(_ arguments: [String], environment extra: [String: String] = [:], executable: String? = nil) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = executable.map { URL(fileURLWithPath: $0) } ?? Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = Command.textLogs(ProcessInfo.processInfo.environment)
        environment["STUB_RECORD"] = record.path
        environment["STUB_PIDS"] = pids.path
        environment.merge(extra) { $1 }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Result {
        try await exec(nil, arguments, environment: environment)
    }

    /// Runs `executable` (default: pdm-pipeline) to its end in the scratch folder, with the stub's record files.
    func exec(_ executable: String?, _ arguments: [String], environment extra: [String: String] = [:]) async throws -> Result {
        var environment = Command.textLogs(ProcessInfo.processInfo.environment)
        environment["STUB_RECORD"] = record.path
        environment["STUB_PIDS"] = pids.path
        environment.merge(extra) { $1 }
        return try await Command.run(executable ?? Self.binary.path, arguments, directory: folder.path, environment: environment)
    }

    /// `run` on the fixture pipeline with the stub engine and logs in the scratch folder.
    func runArguments(_ extra: [String] = [], pipeline: String = CLI.pipeline, correlationID: String = "c1") -> [String] {
        let logs: String = folder.appendingPathComponent("logs").path
        let base: [String] = ["run", pipeline, "--correlation-id", correlationID, "--hive-command", Self.stub]
        return base + ["--log-dir", logs, "--grace-period", "1"] + extra
    }

    func started() throws -> [String] {
        guard FileManager.default.fileExists(atPath: record.path) else { return [] }
        let lines = try String(contentsOf: record, encoding: .utf8).split(separator: "\n")
        var keys: [String] = []
        for line in lines {
            let parts: [Substring] = line.split(separator: " ")
            if parts.count == 4, parts[1] == "start" { keys.append(String(parts[2])) }
        }
        return keys
    }

    func recordedPIDs() throws -> [pid_t] { try Processes.recorded(in: pids) }
}


