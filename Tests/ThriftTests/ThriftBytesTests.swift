import Testing
@testable import Thrift

/// Exact bytes of known messages, computed by hand from the binary protocol spec: big-endian integers,
/// field header = type byte + i16 id, struct end = stop byte 0, strict message header = 0x8001 0000 | type.
@Suite struct ThriftBytesTests {
    struct Ping: ThriftEncodable {
        var text: String
        var number: Int32
        func encodeFields(to writer: inout ThriftWriter) {
            writer.writeField(id: 1, text)
            writer.writeField(id: 2, number)
        }
    }

    @Test func callMessageBytes() {
        let bytes = ThriftCall.encode(method: "Ping", sequenceID: 7, argument: Ping(text: "hi", number: -2))
        #expect(bytes == [
            0x80, 0x01, 0x00, 0x01,  // strict version 1, type call
            0x00, 0x00, 0x00, 0x04, 0x50, 0x69, 0x6E, 0x67,  // "Ping"
            0x00, 0x00, 0x00, 0x07,  // seqid 7
            0x0C, 0x00, 0x01,  // args field 1: struct
            0x0B, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x68, 0x69,  // field 1 string "hi"
            0x08, 0x00, 0x02, 0xFF, 0xFF, 0xFF, 0xFE,  // field 2 i32 -2
            0x00,  // end of Ping
            0x00,  // end of args
        ])
    }

    @Test func scalarEncodings() {
        var w = ThriftWriter()
        w.writeI16(-1)
        w.writeI64(0x0102_0304_0506_0708)
        w.writeDouble(1.0)
        w.writeBool(true)
        w.writeByte(-128)
        #expect(w.bytes == [
            0xFF, 0xFF,
            0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
            0x3F, 0xF0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x01,
            0x80,
        ])
    }

    @Test func containerHeaders() {
        var w = ThriftWriter()
        w.write(.list(element: .i32, [.i32(1), .i32(2)]))
        w.write(.map(key: .string, value: .bool, [ThriftMapEntry(.string("a"), .bool(false))]))
        #expect(w.bytes == [
            0x08, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02,
            0x0B, 0x02, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x61, 0x00,
        ])
    }

    @Test func applicationExceptionReplyIsThrown() throws {
        // exception message for seqid 3 of "Foo": { 1: "boom", 2: 1 (unknown method) }
        let bytes: [UInt8] = [
            0x80, 0x01, 0x00, 0x03, 0x00, 0x00, 0x00, 0x03, 0x46, 0x6F, 0x6F, 0x00, 0x00, 0x00, 0x03,
            0x0B, 0x00, 0x01, 0x00, 0x00, 0x00, 0x04, 0x62, 0x6F, 0x6F, 0x6D,
            0x08, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01,
            0x00,
        ]
        #expect(throws: ThriftCall.ReplyError.application(TApplicationException(message: "boom", kind: .unknownMethod))) {
            _ = try ThriftCall.decodeReply(bytes, method: "Foo", sequenceID: 3, as: TApplicationException.self)
        }
    }

    @Test func replyDecodesFieldZeroAndChecksSequenceID() throws {
        // reply "Foo"#9 with result { 0: TApplicationException-shaped struct { 1: "ok" } }
        var w = ThriftWriter()
        w.writeMessageBegin(ThriftMessageHeader(name: "Foo", type: .reply, sequenceID: 9))
        w.writeField(id: 0, TApplicationException(message: "ok", kind: .unknown))
        w.writeFieldStop()
        let value = try ThriftCall.decodeReply(w.bytes, method: "Foo", sequenceID: 9, as: TApplicationException.self)
        #expect(value.message == "ok")
        let got = ThriftMessageHeader(name: "Foo", type: .reply, sequenceID: 9)
        #expect(throws: ThriftCall.ReplyError.codec(.unexpectedReply(expected: "Foo", sequenceID: 10, got: got))) {
            _ = try ThriftCall.decodeReply(w.bytes, method: "Foo", sequenceID: 10, as: TApplicationException.self)
        }
    }

    @Test func nonStrictHeaderIsRejected() {
        var r = ThriftReader(bytes: [0x00, 0x00, 0x00, 0x03, 0x46, 0x6F, 0x6F, 0x01, 0, 0, 0, 1])
        #expect(throws: ThriftError.badVersion(3)) { _ = try r.readMessageBegin() }
    }
}
