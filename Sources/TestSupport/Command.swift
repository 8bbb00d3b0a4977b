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

    /// Runs `executable` with `arguments` in `directory` to its end. The calling task only suspends: the child is
    /// waited for and both pipes drained on threads of their own (`Blocking`), concurrently, so large output on
    /// either stream cannot block the child.
    public static func run(_ executable: String, _ arguments: [String], directory: String = LiveServer.repositoryRoot.path, environment: [String: String]? = nil, stdin: String? = nil) async throws -> CommandResult {
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
        // Written while the output is drained: a write larger than the pipe buffer waits for the child to read.
        let handle = input.fileHandleForWriting
        async let written: Void = Blocking.run {
            if let stdin { handle.write(Data(stdin.utf8)) }
            try? handle.close()
        }
        let result = await finish(process, stdout: out, stderr: err)
        await written
        return result
    }

    /// Waits for a started `process` to exit, draining `stdout` and `stderr` to EOF concurrently, without blocking
    /// the calling task's thread. EOF comes only once every holder of a pipe is gone (a child's own children too).
    public static func finish(_ process: Process, stdout: Pipe, stderr: Pipe) async -> CommandResult {
        async let out = stdout.fileHandleForReading.readToEndOfFile()
        async let err = stderr.fileHandleForReading.readToEndOfFile()
        let (outData, errData) = await (out, err)
        await process.waitForExit()
        return CommandResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}
