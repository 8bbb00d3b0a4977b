import Thrift

/// One HiveServer2 session on its own connection: the calls an engine needs, with errors as
/// `HiveServer2Error` (a status other than success becomes `.server` with its SQLState and error code).
public struct HiveServer2Session: Sendable {
    public let connection: HiveServer2Connection
    public let handle: TSessionHandle
    /// The protocol version the server agreed to (V6 or newer: columnar results).
    public let serverProtocol: Int32

    /// Connects and opens a session with `configuration` (e.g. `set:hivevar:X`, `set:hiveconf:Y`, `use:database`).
    /// The connection is closed again if the open fails.
    public static func open(
        _ options: HiveServer2Options, configuration: [String: String] = [:]
    ) async throws(HiveServer2Error) -> HiveServer2Session {
        let connection = try await HiveServer2Connection.connect(options)
        do throws(HiveServer2Error) {
            let request = TOpenSessionReq(
                clientProtocol: .v10, username: options.user, password: options.sentPassword, configuration: configuration)
            let response: TOpenSessionResp = try await connection.call("OpenSession", request)
            try check(response.status, call: "OpenSession", connection: connection)
            guard let handle = response.sessionHandle else {
                throw HiveServer2Error(host: options.host, port: options.port,
                                       kind: .protocolError("OpenSession returned no session handle"))
            }
            guard response.serverProtocolVersion >= TProtocolVersion.v6.rawValue else {
                let session = HiveServer2Session(connection: connection, handle: handle, serverProtocol: response.serverProtocolVersion)
                await session.close()
                throw HiveServer2Error(host: options.host, port: options.port, kind: .protocolError(
                    "server speaks TCLIService protocol V\(response.serverProtocolVersion + 1); V6 or newer is needed"))
            }
            return HiveServer2Session(connection: connection, handle: handle, serverProtocol: response.serverProtocolVersion)
        } catch {
            await connection.close()
            throw error
        }
    }

    /// Submits `statement` to run asynchronously on the server and returns its operation at once.
    public func execute(_ statement: String, confOverlay: [String: String] = [:], queryTimeoutSeconds: Int64 = 0)
        async throws(HiveServer2Error) -> TOperationHandle
    {
        let request = TExecuteStatementReq(sessionHandle: handle, statement: statement, confOverlay: confOverlay,
                                           runAsync: true, queryTimeout: queryTimeoutSeconds)
        let response: TExecuteStatementResp = try await connection.call("ExecuteStatement", request)
        try check(response.status, call: "ExecuteStatement")
        guard let operation = response.operationHandle else { throw error(.protocolError("ExecuteStatement returned no handle")) }
        return operation
    }

    public func status(of operation: TOperationHandle) async throws(HiveServer2Error) -> TGetOperationStatusResp {
        let response: TGetOperationStatusResp = try await connection.call("GetOperationStatus", TOperationReq(operationHandle: operation))
        try check(response.status, call: "GetOperationStatus")
        return response
    }

    /// Polls until the operation ends, calling `poll` between polls (fetch logs there; a thrown error, e.g.
    /// CancellationError from a sleep, stops the wait and is rethrown to the caller, who then cancels).
    /// An ERROR state becomes `.server` with the operation's SQLState, code and message.
    public func waitUntilDone(
        _ operation: TOperationHandle, poll: (_ attempt: Int) async throws -> Void
    ) async throws -> TGetOperationStatusResp {
        var attempt = 0
        while true {
            let response = try await status(of: operation)
            let state = response.operationState ?? .unknown
            if state == .error {
                throw error(.server(call: "statement", sqlState: response.sqlState, errorCode: response.errorCode,
                                    message: response.errorMessage ?? "operation failed without a message"))
            }
            if state.isTerminal {
                guard state == .finished else { throw error(.operationEnded(state: "\(state)")) }
                return response
            }
            try await poll(attempt)
            attempt += 1
        }
    }

    public func metadata(of operation: TOperationHandle) async throws(HiveServer2Error) -> [TColumnDesc] {
        let response: TGetResultSetMetadataResp = try await connection.call("GetResultSetMetadata", TOperationReq(operationHandle: operation))
        try check(response.status, call: "GetResultSetMetadata")
        return response.columns
    }

    /// The next batch of up to `maxRows` rows (columnar) and the server's hasMoreRows. HiveServer2 (and Spark's)
    /// always sends false there: read until an empty batch, as Hive's JDBC driver does. More rows than asked is
    /// a protocol error: a sound server never sends them, and a hostile one must not choose the work.
    public func fetch(_ operation: TOperationHandle, maxRows: Int64 = 10_000, orientation: TFetchResultsReq.Orientation = .next)
        async throws(HiveServer2Error) -> (rows: TRowSet, hasMore: Bool)
    {
        try await fetch(TFetchResultsReq(operationHandle: operation, orientation: orientation, maxRows: maxRows, fetchType: .rows))
    }

    /// New lines of the operation log since the last call (fetchType 1; one string column).
    public func fetchLog(_ operation: TOperationHandle, maxRows: Int64 = 10_000) async throws(HiveServer2Error) -> [String] {
        let (set, _) = try await fetch(TFetchResultsReq(operationHandle: operation, maxRows: maxRows, fetchType: .log))
        var lines: [String] = []
        set.forEachRow { row in
            if case let .string(line)? = row.first { lines.append(line) }
        }
        return lines
    }

    /// Asks the server to stop `operation` (a query keeps running there when only the client stops).
    public func cancel(_ operation: TOperationHandle, timeout: Duration? = nil) async throws(HiveServer2Error) {
        let response: TStatusResp = try await connection.call(
            "CancelOperation", TOperationReq(operationHandle: operation), timeout: timeout)
        try check(response.status, call: "CancelOperation")
    }

    public func closeOperation(_ operation: TOperationHandle) async throws(HiveServer2Error) {
        let response: TStatusResp = try await connection.call("CloseOperation", TOperationReq(operationHandle: operation))
        try check(response.status, call: "CloseOperation")
    }

    /// CloseSession (the server cancels the session's operations), then the socket. Never throws: a close runs
    /// on the way out of failures and cancellations; use `closeSession()` to see the server's answer.
    /// A timeout of zero or less closes only the socket (a cancelled task's grace period is spent).
    public func close(timeout: Duration? = nil) async {
        if timeout.map({ $0 > .zero }) ?? true { _ = try? await closeSession(timeout: timeout) }
        await connection.close()
    }

    public func closeSession(timeout: Duration? = nil) async throws(HiveServer2Error) {
        let response: TStatusResp = try await connection.call(
            "CloseSession", TCloseSessionReq(sessionHandle: handle), timeout: timeout)
        try check(response.status, call: "CloseSession")
    }

    private func fetch(_ request: TFetchResultsReq) async throws(HiveServer2Error) -> (rows: TRowSet, hasMore: Bool) {
        let response: TFetchResultsResp = try await connection.call("FetchResults", request)
        try check(response.status, call: "FetchResults")
        let rows = response.rowSet ?? TRowSet()
        if rows.longestColumn > request.maxRows {
            throw error(.protocolError("FetchResults answered \(rows.longestColumn) rows; at most \(request.maxRows) were asked"))
        }
        return (rows, response.hasMoreRows ?? false)
    }

    private func check(_ status: TStatus, call: String) throws(HiveServer2Error) {
        try Self.check(status, call: call, connection: connection)
    }

    private static func check(_ status: TStatus, call: String, connection: HiveServer2Connection) throws(HiveServer2Error) {
        guard !status.isSuccess else { return }
        throw HiveServer2Error(host: connection.options.host, port: connection.options.port, kind: .server(
            call: call, sqlState: status.sqlState, errorCode: status.errorCode,
            message: status.errorMessage ?? "status \(status.code)"))
    }

    private func error(_ kind: HiveServer2Error.Kind) -> HiveServer2Error {
        HiveServer2Error(host: connection.options.host, port: connection.options.port, kind: kind)
    }
}
