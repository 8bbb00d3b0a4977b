import Testing
@testable import Thrift

/// A peer's lengths are checked before anything is allocated.
@Suite struct ThriftLimitTests {
    let limits = ThriftLimits(maxStringLength: 8, maxContainerCount: 3, maxDepth: 4)

    @Test func stringOverLimitIsAnError() {
        var r = ThriftReader(bytes: [0x00, 0x00, 0x00, 0x09] + Array(repeating: 0x61, count: 9), limits: limits)
        #expect(throws: ThriftError.limitExceeded(what: "string length", value: 9, limit: 8)) { _ = try r.readBinary() }
    }

    @Test func hugeLengthIsRefusedNotAllocated() {
        // 0x7FFFFFFF bytes announced with 4 present: with the default limits this must fail at once.
        var r = ThriftReader(bytes: [0x7F, 0xFF, 0xFF, 0xFF, 1, 2, 3, 4])
        #expect(throws: ThriftError.limitExceeded(what: "string length", value: Int(Int32.max), limit: 16 << 20)) {
            _ = try r.readBinary()
        }
        var list = ThriftReader(bytes: [0x08, 0x00, 0x10, 0x00, 0x00])
        #expect(throws: ThriftError.endOfData) { _ = try list.readValue(.list) }
    }

    @Test func negativeLengthIsAnError() {
        var r = ThriftReader(bytes: [0xFF, 0xFF, 0xFF, 0xFF], limits: limits)
        #expect(throws: ThriftError.limitExceeded(what: "string length", value: -1, limit: 8)) { _ = try r.readBinary() }
    }

    @Test func containerCountOverLimitIsAnError() {
        var w = ThriftWriter()
        w.write(.list(element: .bool, [.bool(true), .bool(true), .bool(true), .bool(true)]))
        var r = ThriftReader(bytes: w.bytes, limits: limits)
        #expect(throws: ThriftError.limitExceeded(what: "list size", value: 4, limit: 3)) { try r.skip(.list) }
        var m = ThriftWriter()
        m.writeMapBegin(key: .i32, value: .i32, count: 4)
        var mr = ThriftReader(bytes: m.bytes, limits: limits)
        #expect(throws: ThriftError.limitExceeded(what: "map size", value: 4, limit: 3)) { try mr.skip(.map) }
    }

    @Test func nestingOverLimitIsAnError() {
        var value = ThriftValue.struct([])
        for _ in 0..<5 { value = .struct([ThriftField(1, value)]) }
        var w = ThriftWriter()
        w.write(value)
        var r = ThriftReader(bytes: w.bytes, limits: limits)
        #expect(throws: ThriftError.tooDeep(limit: 4)) { try r.skip(.struct) }
    }

    @Test func truncatedDataIsEndOfData() {
        var w = ThriftWriter()
        w.write(.struct([ThriftField(1, .i64(1))]))
        var r = ThriftReader(bytes: Array(w.bytes.dropLast(3)))
        #expect(throws: ThriftError.endOfData) { try r.skip(.struct) }
    }

    @Test func scannerFindsMessageEnd() throws {
        var w = ThriftWriter()
        w.writeMessageBegin(ThriftMessageHeader(name: "M", type: .reply, sequenceID: 1))
        w.write(.struct([ThriftField(0, .struct([ThriftField(1, .string("abc"))]))]))
        let message = w.bytes
        for cut in 0..<message.count {
            #expect(try ThriftMessageScanner.completeLength(of: Array(message.prefix(cut))) == nil)
        }
        #expect(try ThriftMessageScanner.completeLength(of: message + [0xAA, 0xBB]) == message.count)
        #expect(throws: ThriftError.badVersion(0x0000_0001)) {
            _ = try ThriftMessageScanner.completeLength(of: [0, 0, 0, 1, 0, 0, 0, 0])
        }
    }

    @Test func unknownTypeCodeIsAnError() {
        var r = ThriftReader(bytes: [0x05, 0x00, 0x01])
        #expect(throws: ThriftError.unknownType(5)) { try r.skip(.struct) }
    }
}
