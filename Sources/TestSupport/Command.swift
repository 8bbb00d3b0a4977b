import Foundation

/// Runs a program to completion for black-box tests (the built `pdm-pipeline`, scripts, python checks).
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

public enum Command {
    /// A product built next to the test bundle, e.g. `.build/debug/pdm-pipeline`.
    public static func product(_ name: String) -> String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [bundle, bundle.deletingLastPathComponent(), Bundle.main.bundleURL.deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return LiveServer.repositoryRoot.appendingPathComponent(".build/debug/\(name)").path
    }

    /// `run` writes JSON log lines when stderr is not a terminal (as in every test); tests read the text lines
    /// unless they ask for JSON (`PDM_LOG_FORMAT` or `--log-format`).
    public static func textLogs(_ environment: [String: String]) -> [String: String] {
        environment.merging(["PDM_LOG_FORMAT": "text"]) { given, _ in given }
    }

    /// Runs `executable` with `arguments` in `directory`; output is drained concurrently so large output cannot block.
    public static func run(_ executable: String, _ arguments: [String], directory: String = LiveServer.repositoryRoot.path, environment: [String: String]? = nil, stdin: String? = nil) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = textLogs(environment ?? ProcessInfo.processInfo.environment)
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}
