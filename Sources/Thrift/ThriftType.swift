/// The wire type codes of the Thrift binary protocol (a field header's first byte, a container's element type).
public enum ThriftType: UInt8, Sendable, Hashable, CaseIterable {
    case stop = 0
    case void = 1
    case bool = 2
    case byte = 3
    case double = 4
    case i16 = 6
    case i32 = 8
    case i64 = 10
    /// Strings and binaries share a wire type: a 4-byte length and the bytes.
    case string = 11
    case `struct` = 12
    case map = 13
    case set = 14
    case list = 15
}

/// The kind of a message, in the low byte of a strict message header's version word.
public enum ThriftMessageType: UInt8, Sendable, Hashable {
    case call = 1
    case reply = 2
    case exception = 3
    case oneway = 4
}

/// A message header: name, kind and the sequence id that pairs a reply with its call.
public struct ThriftMessageHeader: Sendable, Hashable {
    public var name: String
    public var type: ThriftMessageType
    public var sequenceID: Int32

    public init(name: String, type: ThriftMessageType, sequenceID: Int32) {
        self.name = name
        self.type = type
        self.sequenceID = sequenceID
    }
}
