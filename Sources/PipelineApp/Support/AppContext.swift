import CBuildInfo
import Foundation
import PipelineRun

/// The outside world a use case sees: output, environment, folder, clock, identity. `process` is the real one;
/// tests build their own.
public struct AppContext: Sendable {
    public var console: Console
    public var environment: [String: String]
    public var workingDirectory: String
    public var now: @Sendable () -> Date
    public var hostName: String
    public var processID: Int32
    /// The version `--version` prints, for logs and metrics.
    public var version: String

    public init(
        console: Console, environment: [String: String], workingDirectory: String, now: @escaping @Sendable () -> Date = { Date() },
        hostName: String = "localhost", processID: Int32 = 0, version: String = AppContext.version
    ) {
        self.console = console
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.now = now
        self.hostName = hostName
        self.processID = processID
        self.version = version
    }

    public static let version = "0.1.0"
    /// The commit the binary was built from (Package.swift reads it from git at build time).
    public static let commit = String(cString: pdm_build_commit())
    /// What `--version` prints: the version, then the commit (`scripts/release` takes the first word).
    public static let versionLine = "\(version) (commit \(commit))"

    /// This process: its stdout/stderr, environment, current folder, host and pid.
    public static func process() -> AppContext {
        AppContext(
            console: .standard, environment: ProcessInfo.processInfo.environment,
            workingDirectory: FileManager.default.currentDirectoryPath, hostName: ProcessInfo.processInfo.hostName,
            processID: getpid())
    }

    /// Runs a use case's body: a `CommandFailure` is printed once, here, and becomes the exit status.
    public func outcome(_ body: () async throws(CommandFailure) -> ExitStatus) async -> ExitStatus {
        do { return try await body() } catch { return console.report(error) }
    }
}
