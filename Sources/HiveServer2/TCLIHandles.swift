import Thrift

// Handles and status of TCLIService (apache/hive service-rpc/if/TCLIService.thrift), written from the IDL.

/// The protocol version: V6 is the first with columnar result sets, which is all this client reads.
public enum TProtocolVersion: Int32, Sendable, Comparable {
    case v1 = 0, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A server-chosen 16-byte id and secret.
public struct THandleIdentifier: Sendable, Hashable, ThriftEncodable, ThriftDecodable {
    public var guid: [UInt8]
    public var secret: [UInt8]

    public init(guid: [UInt8], secret: [UInt8]) {
        self.guid = guid
        self.secret = secret
    }

    public func encodeFields(to writer: inout ThriftWriter) {
        writer.writeField(id: 1, binary: guid)
        writer.writeField(id: 2, binary: secret)
    }

    public init(from reader: inout ThriftReader) throws(ThriftError) {
        var guid: [UInt8]?
        var secret: [UInt8]?
        try reader.readStruct { r, type, id throws(ThriftError) in
            switch (id, type) {
            case (1, .string): guid = try r.readBinary()
            case (2, .string): secret = try r.readBinary()
            default: return false
            }
            return true
        }
        guard let guid else { throw .missingRequiredField(structName: "THandleIdentifier", field: "guid") }
        guard let secret else { throw .missingRequiredField(structName: "THandleIdentifier", field: "secret") }
        self.init(guid: guid, secret: secret)
    }

    /// The guid as hex, for logs (the secret never is shown).
    public var hex: String { guid.map { String($0, radix: 16).leftPadded(2) }.joined() }
}

public struct TSessionHandle: Sendable, Hashable, ThriftEncodable, ThriftDecodable {
    public var sessionID: THandleIdentifier

    public init(sessionID: THandleIdentifier) { self.sessionID = sessionID }

    public func encodeFields(to writer: inout ThriftWriter) { writer.writeField(id: 1, sessionID) }

    public init(from reader: inout ThriftReader) throws(ThriftError) {
        var sessionID: THandleIdentifier?
        try reader.readStruct { r, type, id throws(ThriftError) in
            guard id == 1, type == .struct else { return false }
            sessionID = try THandleIdentifier(from: &r)
            return true
        }
        guard let sessionID else { throw .missingRequiredField(structName: "TSessionHandle", field: "sessionId") }
        self.init(sessionID: sessionID)
    }
}

public struct TOperationHandle: Sendable, Hashable, ThriftEncodable, ThriftDecodable {
    public var operationID: THandleIdentifier
    /// TOperationType; 0 = EXECUTE_STATEMENT. Kept raw: the client sends it back unchanged.
    public var operationType: Int32
    public var hasResultSet: Bool
    public var modifiedRowCount: Double?

    public init(operationID: THandleIdentifier, operationType: Int32, hasResultSet: Bool, modifiedRowCount: Double? = nil) {
        self.operationID = operationID
        self.operationType = operationType
        self.hasResultSet = hasResultSet
        self.modifiedRowCount = modifiedRowCount
    }

    public func encodeFields(to writer: inout ThriftWriter) {
        writer.writeField(id: 1, operationID)
        writer.writeField(id: 2, operationType)
        writer.writeField(id: 3, hasResultSet)
        if let modifiedRowCount {
            writer.writeFieldBegin(.double, id: 4)
            writer.writeDouble(modifiedRowCount)
        }
    }

    public init(from reader: inout ThriftReader) throws(ThriftError) {
        var operationID: THandleIdentifier?
        var operationType: Int32?
        var hasResultSet: Bool?
        var modifiedRowCount: Double?
        try reader.readStruct { r, type, id throws(ThriftError) in
            switch (id, type) {
            case (1, .struct): operationID = try THandleIdentifier(from: &r)
            case (2, .i32): operationType = try r.readI32()
            case (3, .bool): hasResultSet = try r.readBool()
            case (4, .double): modifiedRowCount = try r.readDouble()
            default: return false
            }
            return true
        }
        guard let operationID else { throw .missingRequiredField(structName: "TOperationHandle", field: "operationId") }
        guard let operationType else { throw .missingRequiredField(structName: "TOperationHandle", field: "operationType") }
        guard let hasResultSet else { throw .missingRequiredField(structName: "TOperationHandle", field: "hasResultSet") }
        self.init(operationID: operationID, operationType: operationType, hasResultSet: hasResultSet,
                  modifiedRowCount: modifiedRowCount)
    }
}

/// TStatusCode.
public enum TStatusCode: Int32, Sendable {
    case success = 0, successWithInfo, stillExecuting, error, invalidHandle
}

/// The status every response carries; errors have a SQLState, an error code and a message.
public struct TStatus: Sendable, Hashable, ThriftDecodable {
    public var code: TStatusCode
    public var infoMessages: [String]
    public var sqlState: String?
    public var errorCode: Int32?
    public var errorMessage: String?

    public init(code: TStatusCode, infoMessages: [String] = [], sqlState: String? = nil, errorCode: Int32? = nil,
                errorMessage: String? = nil) {
        self.code = code
        self.infoMessages = infoMessages
        self.sqlState = sqlState
        self.errorCode = errorCode
        self.errorMessage = errorMessage
    }

    public var isSuccess: Bool { code == .success || code == .successWithInfo }

    public init(from reader: inout ThriftReader) throws(ThriftError) {
        var code: Int32?
        var status = TStatus(code: .error)
        try reader.readStruct { r, type, id throws(ThriftError) in
            switch (id, type) {
            case (1, .i32): code = try r.readI32()
            case (2, .list): status.infoMessages = try r.readList(expecting: .string) { r throws(ThriftError) in try r.readString() }
            case (3, .string): status.sqlState = try r.readString(field: "sqlState")
            case (4, .i32): status.errorCode = try r.readI32()
            case (5, .string): status.errorMessage = try r.readString(field: "errorMessage")
            default: return false
            }
            return true
        }
        guard let code else { throw .missingRequiredField(structName: "TStatus", field: "statusCode") }
        // An unknown future code is treated as an error: never mistake it for success.
        status.code = TStatusCode(rawValue: code) ?? .error
        self = status
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
