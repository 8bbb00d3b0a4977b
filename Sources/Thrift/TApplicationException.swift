/// The exception a Thrift server sends (message type `exception`) when it cannot run a call at all:
/// unknown method, bad sequence id, internal error... Struct fields: 1 message, 2 type.
public struct TApplicationException: Error, Sendable, Hashable, ThriftEncodable, ThriftDecodable,
    CustomStringConvertible
{
    public enum Kind: Int32, Sendable {
        case unknown = 0
        case unknownMethod = 1
        case invalidMessageType = 2
        case wrongMethodName = 3
        case badSequenceID = 4
        case missingResult = 5
        case internalError = 6
        case protocolError = 7
        case invalidTransform = 8
        case invalidProtocol = 9
        case unsupportedClientType = 10
    }

    public var message: String
    public var kind: Kind

    public init(message: String, kind: Kind) {
        self.message = message
        self.kind = kind
    }

    public init(from reader: inout ThriftReader) throws(ThriftError) {
        var message = ""
        var kind = Kind.unknown
        try reader.readStruct { r, type, id throws(ThriftError) in
            switch (id, type) {
            case (1, .string): message = try r.readString(field: "TApplicationException.message")
            case (2, .i32): kind = Kind(rawValue: try r.readI32()) ?? .unknown
            default: return false
            }
            return true
        }
        self.init(message: message, kind: kind)
    }

    public func encodeFields(to writer: inout ThriftWriter) {
        writer.writeField(id: 1, message)
        writer.writeField(id: 2, kind.rawValue)
    }

    public var description: String { "Thrift application exception (\(kind)): \(message)" }
}
