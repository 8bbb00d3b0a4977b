import Thrift

/// OpenSession's request: protocol version, user and password (SASL carries them too), configuration overlay
/// (`set:hivevar:NAME`, `set:hiveconf:NAME`, `use:database`).
public struct TOpenSessionReq: Sendable, ThriftEncodable {
    public var clientProtocol: TProtocolVersion
    public var username: String?
    public var password: String?
    public var configuration: [String: String]

    public init(clientProtocol: TProtocolVersion = .v10, username: String? = nil, password: String? = nil,
                configuration: [String: String] = [:]) {
        self.clientProtocol = clientProtocol
        self.username = username
        self.password = password
        self.configuration = configuration
    }

    public func encodeFields(to writer: inout ThriftWriter) {
        writer.writeField(id: 1, clientProtocol.rawValue)
        if let username { writer.writeField(id: 2, username) }
        if let password { writer.writeField(id: 3, password) }
        if !configuration.isEmpty { writer.writeField(id: 4, configuration) }
    }
}

public struct TOpenSessionResp: Sendable, ThriftDecodable {
    public var status: TStatus
    /// Raw: a newer server may answer a version this client does not name.
    public var serverProtocolVersion: Int32
    public var sessionHandle: TSessionHandle?
    public var configuration: [String: String]

    public init(from reader: inout ThriftReader) throws(ThriftError) {
        var status: TStatus?
        var version: Int32?
        var handle: TSessionHandle?
        var configuration: [String: String] = [:]
        try reader.readStruct { r, type, id throws(ThriftError) in
            switch (id, type) {
            case (1, .struct): status = try TStatus(from: &r)
            case (2, .i32): version = try r.readI32()
            case (3, .struct): handle = try TSessionHandle(from: &r)
            case (4, .map): configuration = try r.readStringMap()
            default: return false
            }
            return true
        }
        guard let status else { throw .missingRequiredField(structName: "TOpenSessionResp", field: "status") }
        self.status = status
        // Required by the IDL, but a failed open may omit it; the status explains the failure then.
        self.serverProtocolVersion = version ?? -1
        self.sessionHandle = handle
        self.configuration = configuration
    }
}

public struct TCloseSessionReq: Sendable, ThriftEncodable {
    public var sessionHandle: TSessionHandle
    public init(sessionHandle: TSessionHandle) { self.sessionHandle = sessionHandle }
    public func encodeFields(to writer: inout ThriftWriter) { writer.writeField(id: 1, sessionHandle) }
}

/// The responses that carry only a status: CloseSession, CancelOperation, CloseOperation.
public struct TStatusResp: Sendable, ThriftDecodable {
    public var status: TStatus

    public init(from reader: inout ThriftReader) throws(ThriftError) {
        var status: TStatus?
        try reader.readStruct { r, type, id throws(ThriftError) in
            guard id == 1, type == .struct else { return false }
            status = try TStatus(from: &r)
            return true
        }
        guard let status else { throw .missingRequiredField(structName: "TStatusResp", field: "status") }
        self.status = status
    }
}
