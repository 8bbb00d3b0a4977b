/// Reads Thrift binary-protocol bytes from a complete buffer, enforcing `ThriftLimits` on every length and depth.
/// Running out of bytes throws `ThriftError.endOfData` (a stream reader treats that as "wait for more").
public struct ThriftReader: Sendable {
    public let bytes: [UInt8]
    public private(set) var position: Int
    public let limits: ThriftLimits
    /// Current struct/container nesting, checked against `limits.maxDepth`.
    private var depth = 0

    public init(bytes: [UInt8], limits: ThriftLimits = .default) {
        self.bytes = bytes
        self.position = 0
        self.limits = limits
    }

    public var remaining: Int { bytes.count - position }

    public mutating func readMessageBegin() throws(ThriftError) -> ThriftMessageHeader {
        let word = try readU32()
        guard word & 0xFFFF_0000 == 0x8001_0000 else { throw .badVersion(word) }
        let code = UInt8(word & 0xFF)
        guard let type = ThriftMessageType(rawValue: code) else { throw .unknownMessageType(code) }
        let name = try readString(field: "message name")
        let seq = try readI32()
        return ThriftMessageHeader(name: name, type: type, sequenceID: seq)
    }

    /// The next field's type and id, or nil at the stop byte.
    public mutating func readFieldBegin() throws(ThriftError) -> (type: ThriftType, id: Int16)? {
        let type = try readType()
        if type == .stop { return nil }
        return (type, try readI16())
    }

    public mutating func readListBegin() throws(ThriftError) -> (element: ThriftType, count: Int) {
        let element = try readType()
        return (element, try readCount(what: "list size"))
    }

    public mutating func readSetBegin() throws(ThriftError) -> (element: ThriftType, count: Int) {
        try readListBegin()
    }

    public mutating func readMapBegin() throws(ThriftError) -> (key: ThriftType, value: ThriftType, count: Int) {
        let key = try readType()
        let value = try readType()
        return (key, value, try readCount(what: "map size"))
    }

    public mutating func readBool() throws(ThriftError) -> Bool { try readU8() != 0 }
    public mutating func readByte() throws(ThriftError) -> Int8 { Int8(bitPattern: try readU8()) }

    public mutating func readI16() throws(ThriftError) -> Int16 {
        try need(2)
        let v = UInt16(bytes[position]) << 8 | UInt16(bytes[position + 1])
        position += 2
        return Int16(bitPattern: v)
    }

    public mutating func readI32() throws(ThriftError) -> Int32 { Int32(bitPattern: try readU32()) }

    public mutating func readI64() throws(ThriftError) -> Int64 {
        try need(8)
        var v: UInt64 = 0
        for i in 0..<8 { v = v << 8 | UInt64(bytes[position + i]) }
        position += 8
        return Int64(bitPattern: v)
    }

    public mutating func readDouble() throws(ThriftError) -> Double {
        Double(bitPattern: UInt64(bitPattern: try readI64()))
    }

    public mutating func readBinary() throws(ThriftError) -> [UInt8] {
        let length = Int(try readI32())
        guard length >= 0, length <= limits.maxStringLength else {
            throw .limitExceeded(what: "string length", value: length, limit: limits.maxStringLength)
        }
        try need(length)
        defer { position += length }
        return Array(bytes[position..<position + length])
    }

    /// A UTF-8 string; `field` names it in the error when the bytes are not UTF-8.
    public mutating func readString(field: String = "string") throws(ThriftError) -> String {
        let raw = try readBinary()
        guard let text = String(validating: raw, as: UTF8.self) else { throw .invalidUTF8(field: field) }
        return text
    }

    /// Reads a struct's fields, calling `body` for each; `body` returns false for a field it does not know
    /// (or whose type is not the expected one), which is then skipped, so newer peers stay readable.
    public mutating func readStruct(
        _ body: (inout ThriftReader, ThriftType, Int16) throws(ThriftError) -> Bool
    ) throws(ThriftError) {
        try enter()
        defer { depth -= 1 }
        while let (type, id) = try readFieldBegin() {
            if try !body(&self, type, id) { try skip(type) }
        }
    }

    /// Skips one value of `type`, nested containers and structs included, within the depth limit.
    public mutating func skip(_ type: ThriftType) throws(ThriftError) {
        switch type {
        case .stop, .void: return
        case .bool, .byte: try advance(1)
        case .i16: try advance(2)
        case .i32: try advance(4)
        case .i64, .double: try advance(8)
        case .string: _ = try skipBinary()
        case .struct:
            try readStruct { _, _, _ throws(ThriftError) in false }
        case .list, .set:
            try enter()
            defer { depth -= 1 }
            let (element, count) = try readListBegin()
            // Fixed-size elements in one step: skipping a million booleans must not take a million calls.
            if let size = element.fixedSize { return try advance(count * size) }
            for _ in 0..<count { try skip(element) }
        case .map:
            try enter()
            defer { depth -= 1 }
            let (key, value, count) = try readMapBegin()
            for _ in 0..<count {
                try skip(key)
                try skip(value)
            }
        }
    }

    /// Passes over `n` bytes (values a caller indexes rather than decodes).
    public mutating func skipBytes(_ n: Int) throws(ThriftError) {
        guard n >= 0 else { throw .limitExceeded(what: "byte count", value: n, limit: remaining) }
        try advance(n)
    }

    /// Counts one level of nesting for callers that decode containers themselves.
    public mutating func enter() throws(ThriftError) {
        depth += 1
        guard depth <= limits.maxDepth else {
            depth -= 1
            throw .tooDeep(limit: limits.maxDepth)
        }
    }

    public mutating func leave() { depth -= 1 }

    private mutating func skipBinary() throws(ThriftError) {
        let length = Int(try readI32())
        guard length >= 0, length <= limits.maxStringLength else {
            throw .limitExceeded(what: "string length", value: length, limit: limits.maxStringLength)
        }
        try advance(length)
    }

    private mutating func readType() throws(ThriftError) -> ThriftType {
        let code = try readU8()
        guard let type = ThriftType(rawValue: code) else { throw .unknownType(code) }
        return type
    }

    private mutating func readCount(what: String) throws(ThriftError) -> Int {
        let count = Int(try readI32())
        guard count >= 0, count <= limits.maxContainerCount else {
            throw .limitExceeded(what: what, value: count, limit: limits.maxContainerCount)
        }
        // Every element takes at least one byte, so a count beyond the bytes left cannot be real yet; callers may
        // then reserve `count` elements without a peer choosing the allocation.
        if count > remaining { throw .endOfData }
        return count
    }

    private mutating func readU8() throws(ThriftError) -> UInt8 {
        try need(1)
        defer { position += 1 }
        return bytes[position]
    }

    private mutating func readU32() throws(ThriftError) -> UInt32 {
        try need(4)
        var v: UInt32 = 0
        for i in 0..<4 { v = v << 8 | UInt32(bytes[position + i]) }
        position += 4
        return v
    }

    private func need(_ n: Int) throws(ThriftError) {
        if n > remaining { throw .endOfData }
    }

    private mutating func advance(_ n: Int) throws(ThriftError) {
        try need(n)
        position += n
    }
}
