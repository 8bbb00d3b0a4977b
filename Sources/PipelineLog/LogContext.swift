import Foundation

/// The fields every JSON line carries, after DWP's common logging: who wrote it, where, in which environment.
public struct LogContext: Sendable, Hashable {
    public static let application = "pdm_dataset_generator"

    public var application: String
    public var appVersion: String
    public var environment: String
    public var component: String
    public var hostname: String
    public var processID: Int32

    public init(
        appVersion: String, environment: String, component: String = "pdm-pipeline", hostname: String,
        processID: Int32, application: String = LogContext.application
    ) {
        self.application = application
        self.appVersion = appVersion
        self.environment = environment
        self.component = component
        self.hostname = hostname
        self.processID = processID
    }
}

/// Where log lines go: one shared, locked writer, so lines from many tasks never interleave.
public final class LogSink: Sendable {
    private let write: @Sendable (String) -> Void
    private let lock = NSLock()

    public init(_ write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// Writes `line` and a newline, whole.
    public func emit(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        write(line + "\n")
    }
}
