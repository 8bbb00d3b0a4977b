import HiveServer2
import Synchronization

/// Runs one task's HQL the way beeline does, over one HiveServer2 session: statements in order, the first
/// failure ends the task with the server's one-line message, query rows and the operation log go to `log`.
///
/// Cancelling the calling task stops it within `cancelGrace`, whatever the server does: the call in flight gets
/// what is left of the grace period for its answer (then its connection is closed), CancelOperation for the
/// running statement and CloseSession share the rest, and `run` rethrows `CancellationError`. Every loop (polls,
/// rows) checks for cancellation.
public struct HiveServer2Engine: Sendable {
    public typealias Log = @Sendable (String) -> Void

    public init() {}

    /// Runs `source` (an HQL file's text). Throws `HiveServer2Error` (connection, auth, a failed statement)
    /// or `CancellationError`.
    public func run(_ source: String, task: HiveServer2Task, log: Log) async throws {
        let statements = HQLStatements.split(source)
        let budget = CancelBudget(grace: task.cancelGrace)
        var options = task.options
        options.cancelGrace = task.cancelGrace
        try await withTaskCancellationHandler {
            let session: HiveServer2Session
            do {
                session = try await HiveServer2Session.open(options, configuration: task.sessionConfiguration)
            } catch {
                throw Task.isCancelled ? CancellationError() : error
            }
            do {
                for statement in statements {
                    try Task.checkCancellation()
                    try await run(statement, in: session, task: task, budget: budget, log: log)
                }
            } catch {
                await session.close(timeout: budget.remaining)
                throw Task.isCancelled ? CancellationError() : error
            }
            // A failure to close after success does not fail the task: its work is done and committed.
            await session.close(timeout: budget.remaining)
        } onCancel: {
            budget.start()
        }
    }

    private func run(
        _ statement: String, in session: HiveServer2Session, task: HiveServer2Task, budget: CancelBudget, log: Log
    ) async throws {
        let operation = try await session.execute(statement)
        do {
            _ = try await session.waitUntilDone(operation) { _ in
                // A server without operation logs answers with an error status: the log is optional.
                try? await Self.forwardLog(session, operation, task: task, log: log)
                try await Task.sleep(for: task.pollInterval)
            }
        } catch {
            if Task.isCancelled {
                // Stop the query on the server too, within what is left of the grace period.
                let left = budget.remaining
                if left > .zero { try? await session.cancel(operation, timeout: left) }
                throw CancellationError()
            }
            if error is HiveServer2Error { try? await Self.forwardLog(session, operation, task: task, log: log) }
            throw error
        }
        try? await Self.forwardLog(session, operation, task: task, log: log)
        if operation.hasResultSet { try await writeRows(of: operation, in: session, task: task, log: log) }
        try? await session.closeOperation(operation)
    }

    /// The result as tab-separated lines: the column names, then one line per row (NULL for nulls). Rows are
    /// decoded one at a time from each reply; cancellation is checked at every row.
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
            try set.forEachRow { row in
                try Task.checkCancellation()
                log(task.masked(row.map(Self.text).joined(separator: "\t")))
            }
        }
    }

    private static func forwardLog(_ session: HiveServer2Session, _ operation: TOperationHandle, task: HiveServer2Task, log: Log)
        async throws
    {
        for line in try await session.fetchLog(operation) {
            try Task.checkCancellation()
            log(task.masked(line))
        }
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

/// The grace period of a cancelled task, counted from the cancellation: what is left of it bounds each cleanup
/// call, so together they never exceed it.
final class CancelBudget: Sendable {
    private let grace: Duration
    private let cancelledAt = Mutex<ContinuousClock.Instant?>(nil)

    init(grace: Duration) { self.grace = grace }

    func start() {
        cancelledAt.withLock { if $0 == nil { $0 = .now } }
    }

    /// What is left of the grace period; before any cancellation (a failure's cleanup) the whole of it.
    var remaining: Duration {
        guard let start = cancelledAt.withLock({ $0 }) else { return grace }
        return grace - (ContinuousClock.now - start)
    }
}
