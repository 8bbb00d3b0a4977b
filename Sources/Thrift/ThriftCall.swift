/// Client-side framing of one call: the request message and the decoding of its reply.
/// TCLIService-style methods take one argument (field 1 of the args struct) and return field 0 of the result.
public enum ThriftCall {
    /// The bytes of `method(args)` as a call message: header, then an args struct whose field 1 is `argument`.
    public static func encode(method: String, sequenceID: Int32, argument: some ThriftEncodable) -> [UInt8] {
        var writer = ThriftWriter()
        writer.writeMessageBegin(ThriftMessageHeader(name: method, type: .call, sequenceID: sequenceID))
        writer.writeField(id: 1, argument)
        writer.writeFieldStop()
        return writer.bytes
    }

    /// Errors from decoding a reply: the server's exception, or a codec error.
    public enum ReplyError: Error, Sendable, Equatable {
        case application(TApplicationException)
        case codec(ThriftError)
    }

    /// Decodes the reply to `method`#`sequenceID` from a complete message: its result (field 0), or the
    /// server's `TApplicationException`. Unknown result fields (undeclared exceptions) are skipped.
    public static func decodeReply<T: ThriftDecodable>(
        _ bytes: [UInt8], method: String, sequenceID: Int32, limits: ThriftLimits = .default, as _: T.Type = T.self
    ) throws(ReplyError) -> T {
        var reader = ThriftReader(bytes: bytes, limits: limits)
        let header = try codec { () throws(ThriftError) in try reader.readMessageBegin() }
        if header.type == .exception {
            throw .application(try codec { () throws(ThriftError) in try TApplicationException(from: &reader) })
        }
        return try codec { () throws(ThriftError) in
            guard header.type == .reply, header.name == method, header.sequenceID == sequenceID else {
                throw .unexpectedReply(expected: method, sequenceID: sequenceID, got: header)
            }
            var result: T?
            try reader.readStruct { r, type, id throws(ThriftError) in
                guard id == 0, type == .struct else { return false }
                result = try T(from: &r)
                return true
            }
            guard let result else { throw .missingResult(method: method) }
            return result
        }
    }

    private static func codec<R>(_ body: () throws(ThriftError) -> R) throws(ReplyError) -> R {
        do { return try body() } catch { throw .codec(error) }
    }
}
