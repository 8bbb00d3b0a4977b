import Thrift

public struct TExecuteStatementReq: Sendable, ThriftEncodable {
    public var sessionHandle: TSessionHandle
    public var statement: String
    public var confOverlay: [String: String]
    public var runAsync: Bool
    /// Seconds; 0 = no server-side timeout.
    public var queryTimeout: Int64

    public init(sessionHandle: TSessionHandle, statement: String, confOverlay: [String: String] = [:],
                runAsync: Bool = true, queryTimeout: Int64 = 0) {
        self.sessionHandle = sessionHandle
        self.statement = statement
        self.confOverlay = confOverlay
        self.runAsync = runAsync
        self.queryTimeout = queryTimeout
    }

    public func encodeFields(to writer: inout ThriftWriter) {
        writer.writeField(id: 1, sessionHandle)
        writer.writeField(id: 2, statement)
        if !confOverlay.isEmpty { writer.writeField(id: 3, confOverlay) }
        writer.writeField(id: 4, runAsync)
        if queryTimeout > 0 { writer.writeField(id: 5, queryTimeout) }
    }
}

public struct TExecuteStatementResp: Sendable, ThriftDecodable {
    public var status: TStatus
    public var operationHandle: TOperationHandle?

    public init(from reader: inout ThriftReader) throws(ThriftError) {
        var status: TStatus?
        var handle: TOperationHandle?
        try reader.readStruct { r, type, id throws(ThriftError) in
            switch (id, type) {
            case (1, .struct): status = try TStatus(from: &r)
            case (2, .struct): handle = try TOperationHandle(from: &r)
            default: return false
            }
            return true
        }
        guard let status else { throw .missingRequiredField(structName: "TExecuteStatementResp", field: "status") }
        self.status = status
        self.operationHandle = handle
    }
}

/// The request of the calls that take only an operation handle: GetOperationStatus (no progress updates),
/// CancelOperation, CloseOperation, GetResultSetMetadata. All put the handle in field 1.
public struct TOperationReq: Sendable, ThriftEncodable {
    public var operationHandle: TOperationHandle
    public init(operationHandle: TOperationHandle) { self.operationHandle = operationHandle }
    public func encodeFields(to writer: inout ThriftWriter) { writer.writeField(id: 1, operationHandle) }
}

/// TOperationState.
public enum TOperationState: Int32, Sendable {
    case initialized = 0, running, finished, canceled, closed, error, unknown, pending, timedOut

    /// No further change will come: stop polling.
    public var isTerminal: Bool {
        switch self {
        case .finished, .canceled, .closed, .error, .timedOut, .unknown: true
        case .initialized, .running, .pending: false
        }
    }
}

public struct TGetOperationStatusResp: Sendable, ThriftDecodable {
    public var status: TStatus
    public var operationState: TOperationState?
    public var sqlState: String?
    public var errorCode: Int32?
    public var errorMessage: String?
    public var hasResultSet: Bool?

    public init(from reader: inout ThriftReader) throws(ThriftError) {
        var status: TStatus?
        var result = (state: TOperationState?.none, sqlState: String?.none, code: Int32?.none,
                      message: String?.none, hasResultSet: Bool?.none)
        try reader.readStruct { r, type, id throws(ThriftError) in
            switch (id, type) {
            case (1, .struct): status = try TStatus(from: &r)
            case (2, .i32): result.state = TOperationState(rawValue: try r.readI32()) ?? .unknown
            case (3, .string): result.sqlState = try r.readString(field: "sqlState")
            case (4, .i32): result.code = try r.readI32()
            case (5, .string): result.message = try r.readString(field: "errorMessage")
            case (9, .bool): result.hasResultSet = try r.readBool()
            default: return false
            }
            return true
        }
        guard let status else { throw .missingRequiredField(structName: "TGetOperationStatusResp", field: "status") }
        self.status = status
        self.operationState = result.state
        self.sqlState = result.sqlState
        self.errorCode = result.code
        self.errorMessage = result.message
        self.hasResultSet = result.hasResultSet
    }
}
