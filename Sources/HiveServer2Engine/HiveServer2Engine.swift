import HiveServer2

/// Runs one task's HQL the way beeline does, over one HiveServer2 session: statements in order, the first
/// failure ends the task with the server's one-line message, query rows and the operation log go to `log`.
/// Cancelling the calling task sends CancelOperation for the running statement and CloseSession, within
/// `cancelGrace`, before `run` rethrows `CancellationError`.
public struct HiveServer2Engine: Sendable {
    public typealias Log = @Sendable (String) -> Void

    public init() {}

    /// Runs `source` (an HQL file's text). Throws `HiveServer2Error` (connection, auth, a failed statement)
    /// or `CancellationError`.
    public func run(_ source: String, task: HiveServer2Task, log: Log) async throws {
        let statements = HQLStatements.split(source)
        let session = try await HiveServer2Session.open(task.options, configuration: task.sessionConfiguration)
        do {
            for statement in statements {
                try Task.checkCancellation()
                try await run(statement, in: session, task: task, log: log)
            }
        } catch {
            await session.close(timeout: task.cancelGrace)
            throw error
        }
        // A failure to close after success does not fail the task: its work is done and committed.
        await session.close(timeout: task.cancelGrace)
    }

    private func run(_ statement: String, in session: HiveServer2Session, task: HiveServer2Task, log: Log) async throws {
        let operation = try await session.execute(statement)
        do {
            _ = try await session.waitUntilDone(operation) { _ in
                // A server without operation logs answers with an error status: the log is optional.
                try? await Self.forwardLog(session, operation, task: task, log: log)
                try await Task.sleep(for: task.pollInterval)
            }
        } catch let error as HiveServer2Error {
            try? await Self.forwardLog(session, operation, task: task, log: log)
            throw error
        } catch {
            // Cancelled (the sleep threw) or the wait failed otherwise: stop the query on the server.
            try? await session.cancel(operation, timeout: task.cancelGrace)
            throw error
        }
        try? await Self.forwardLog(session, operation, task: task, log: log)
        if operation.hasResultSet { try await writeRows(of: operation, in: session, task: task, log: log) }
        try? await session.closeOperation(operation)
    }

    /// The result as tab-separated lines: the column names, then one line per row (NULL for nulls).
    private func writeRows(of operation: TOperationHandle, in session: HiveServer2Session, task: HiveServer2Task, log: Log)
        async throws
    {
        let columns = try await session.metadata(of: operation)
        log(task.masked(columns.map(\.name).joined(separator: "\t")))
        while true {
            try Task.checkCancellation()
            // HiveServer2 answers hasMoreRows = false even when rows remain (Hive's JDBC driver ignores it
            // too): the end is the first empty batch.
            let (set, _) = try await session.fetch(operation, maxRows: 10_000)
            if set.rowCount == 0 { break }
            for row in set.rows { log(task.masked(row.map(Self.text).joined(separator: "\t"))) }
        }
    }

    private static func forwardLog(_ session: HiveServer2Session, _ operation: TOperationHandle, task: HiveServer2Task, log: Log)
        async throws
    {
        for line in try await session.fetchLog(operation) { log(task.masked(line)) }
    }

    /// A value as beeline's tsv output shows it.
    static func text(_ value: HiveValue) -> String {
        switch value {
        case .null: "NULL"
        case let .bool(b): b ? "true" : "false"
        case let .int(i): String(i)
        case let .double(d): javaDouble(d)
        case let .string(s): s
        case let .binary(bytes): String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Java's Double.toString for the common cases (beeline prints Java's text): `1.0`, `NaN`, `Infinity`.
    static func javaDouble(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        if d == d.rounded(), abs(d) < 1e7 { return d.sign == .minus && d == 0 ? "-0.0" : "\(Int64(d)).0" }
        return "\(d)"
    }
}
