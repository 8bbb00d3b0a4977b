/// Everything that can go wrong decoding Thrift bytes. Encoding cannot fail.
public enum ThriftError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes ended inside a value; on a stream this means "read more", in a complete buffer it is corruption.
    case endOfData
    /// A length or count was negative or over the configured limit: refused before allocating anything.
    case limitExceeded(what: String, value: Int, limit: Int)
    /// Nesting deeper than the configured limit (a hostile or corrupt peer could otherwise recurse forever).
    case tooDeep(limit: Int)
    case unknownType(UInt8)
    /// A message header without the strict version bits (old non-strict peers are not supported).
    case badVersion(UInt32)
    case unknownMessageType(UInt8)
    case invalidUTF8(field: String)
    case missingRequiredField(structName: String, field: String)
    /// A union with no field or with more than one.
    case invalidUnion(name: String, fieldCount: Int)
    /// A reply that does not answer the call: another name or another sequence id.
    case unexpectedReply(expected: String, sequenceID: Int32, got: ThriftMessageHeader)
    /// A reply with no success field (field 0) and no declared exception.
    case missingResult(method: String)

    public var description: String {
        switch self {
        case .endOfData: "Thrift data ended early"
        case let .limitExceeded(what, value, limit): "Thrift \(what) \(value) outside 0...\(limit)"
        case let .tooDeep(limit): "Thrift values nested deeper than \(limit)"
        case let .unknownType(code): "unknown Thrift type code \(code)"
        case let .badVersion(word): "not a strict Thrift message header (version word 0x\(String(word, radix: 16)))"
        case let .unknownMessageType(code): "unknown Thrift message type \(code)"
        case let .invalidUTF8(field): "Thrift string \(field) is not UTF-8"
        case let .missingRequiredField(name, field): "Thrift struct \(name) lacks required field \(field)"
        case let .invalidUnion(name, count): "Thrift union \(name) has \(count) fields set (needs exactly 1)"
        case let .unexpectedReply(expected, seq, got):
            "Thrift reply \(got.name)#\(got.sequenceID) does not answer \(expected)#\(seq)"
        case let .missingResult(method): "Thrift reply to \(method) has no result"
        }
    }
}
