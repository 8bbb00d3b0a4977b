/// Appends Thrift binary-protocol bytes (big-endian, strict message headers) to a growing buffer.
/// Writing cannot fail; the caller frames and sends `bytes`.
public struct ThriftWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// The strict header: version 1 in the high half of the first word, the message type in its low byte.
    public mutating func writeMessageBegin(_ header: ThriftMessageHeader) {
        writeU32(0x8001_0000 | UInt32(header.type.rawValue))
        writeString(header.name)
        writeI32(header.sequenceID)
    }

    public mutating func writeFieldBegin(_ type: ThriftType, id: Int16) {
        bytes.append(type.rawValue)
        writeI16(id)
    }

    /// Ends a struct: the stop byte 0.
    public mutating func writeFieldStop() {
        bytes.append(ThriftType.stop.rawValue)
    }

    public mutating func writeListBegin(_ element: ThriftType, count: Int) {
        bytes.append(element.rawValue)
        writeI32(Int32(count))
    }

    public mutating func writeSetBegin(_ element: ThriftType, count: Int) {
        writeListBegin(element, count: count)
    }

    public mutating func writeMapBegin(key: ThriftType, value: ThriftType, count: Int) {
        bytes.append(key.rawValue)
        bytes.append(value.rawValue)
        writeI32(Int32(count))
    }

    public mutating func writeBool(_ value: Bool) { bytes.append(value ? 1 : 0) }
    public mutating func writeByte(_ value: Int8) { bytes.append(UInt8(bitPattern: value)) }

    public mutating func writeI16(_ value: Int16) {
        let v = UInt16(bitPattern: value)
        bytes.append(UInt8(v >> 8))
        bytes.append(UInt8(v & 0xFF))
    }

    public mutating func writeI32(_ value: Int32) { writeU32(UInt32(bitPattern: value)) }

    public mutating func writeI64(_ value: Int64) {
        let v = UInt64(bitPattern: value)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8((v >> UInt64(shift)) & 0xFF)) }
    }

    /// IEEE 754 bits, big-endian, as an i64.
    public mutating func writeDouble(_ value: Double) { writeI64(Int64(bitPattern: value.bitPattern)) }

    public mutating func writeString(_ value: String) { writeBinary(Array(value.utf8)) }

    public mutating func writeBinary(_ value: [UInt8]) {
        writeI32(Int32(value.count))
        bytes.append(contentsOf: value)
    }

    /// Field `id` holding a struct written by `body` (which writes its fields; the stop byte is added here).
    public mutating func writeStructField(id: Int16, _ body: (inout ThriftWriter) -> Void) {
        writeFieldBegin(.struct, id: id)
        body(&self)
        writeFieldStop()
    }

    private mutating func writeU32(_ v: UInt32) {
        bytes.append(UInt8(v >> 24))
        bytes.append(UInt8((v >> 16) & 0xFF))
        bytes.append(UInt8((v >> 8) & 0xFF))
        bytes.append(UInt8(v & 0xFF))
    }
}
