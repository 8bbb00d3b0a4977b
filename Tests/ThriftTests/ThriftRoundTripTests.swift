import Testing
@testable import Thrift

@Suite struct ThriftRoundTripTests {
    static let values: [ThriftValue] = [
        .bool(true), .bool(false),
        .byte(-128), .byte(127),
        .i16(.min), .i16(.max),
        .i32(.min), .i32(0), .i32(.max),
        .i64(.min), .i64(-1), .i64(.max),
        .double(-0.5), .double(.infinity), .double(1e300),
        .string(""), .string("héllo ✓"), .binary([0, 255, 1]),
        .struct([]),
        .struct([ThriftField(1, .i32(5)), ThriftField(-3, .string("x")), ThriftField(32767, .bool(true))]),
        .union(ThriftField(4, .struct([ThriftField(1, .double(2.5))]))),
        .list(element: .i64, []),
        .list(element: .string, [.string("a"), .string("b")]),
        .set(element: .i16, [.i16(1), .i16(2)]),
        .map(key: .string, value: .list, [
            ThriftMapEntry(.string("k"), .list(element: .bool, [.bool(true)])),
        ]),
        .list(element: .map, [.map(key: .i32, value: .struct, [ThriftMapEntry(.i32(1), .struct([]))])]),
    ]

    @Test(arguments: values) func roundTrip(_ value: ThriftValue) throws {
        var writer = ThriftWriter()
        writer.write(value)
        var reader = ThriftReader(bytes: writer.bytes)
        #expect(try reader.readValue(value.type) == value)
        #expect(reader.remaining == 0)
    }

    @Test(arguments: values) func skipConsumesExactlyOneValue(_ value: ThriftValue) throws {
        var writer = ThriftWriter()
        writer.write(value)
        writer.writeI32(0x1234_5678)
        var reader = ThriftReader(bytes: writer.bytes)
        try reader.skip(value.type)
        #expect(try reader.readI32() == 0x1234_5678)
    }

    @Test func messageHeaderRoundTrip() throws {
        for type in [ThriftMessageType.call, .reply, .exception, .oneway] {
            var writer = ThriftWriter()
            let header = ThriftMessageHeader(name: "ExecuteStatement", type: type, sequenceID: -9)
            writer.writeMessageBegin(header)
            var reader = ThriftReader(bytes: writer.bytes)
            #expect(try reader.readMessageBegin() == header)
        }
    }

    /// A struct decoder that knows only field 2 still reads it when newer fields come before and after.
    @Test func unknownFieldsAreSkipped() throws {
        var writer = ThriftWriter()
        writer.write(.struct([
            ThriftField(9, .map(key: .string, value: .list, [ThriftMapEntry(.string("a"), .list(element: .i32, [.i32(1)]))])),
            ThriftField(2, .i32(42)),
            ThriftField(1, .string("wrong type for field 2 is skipped too")),
            ThriftField(2, .string("field 2 with another type")),
        ]))
        var reader = ThriftReader(bytes: writer.bytes)
        var seen: [Int32] = []
        try reader.readStruct { r, type, id throws(ThriftError) in
            guard id == 2, type == .i32 else { return false }
            seen.append(try r.readI32())
            return true
        }
        #expect(seen == [42])
        #expect(reader.remaining == 0)
    }
}
