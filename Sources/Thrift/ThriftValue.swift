/// A Thrift value without a schema: what a generic reader sees. Used for round-trip tests, for skipping with
/// inspection, and for unions (a struct with exactly one field).
public indirect enum ThriftValue: Sendable, Hashable {
    case bool(Bool)
    case byte(Int8)
    case i16(Int16)
    case i32(Int32)
    case i64(Int64)
    case double(Double)
    /// Strings and binaries (one wire type); `string(_:)` builds one from text.
    case binary([UInt8])
    case `struct`([ThriftField])
    case list(element: ThriftType, [ThriftValue])
    case set(element: ThriftType, [ThriftValue])
    case map(key: ThriftType, value: ThriftType, [ThriftMapEntry])

    public static func string(_ text: String) -> ThriftValue { .binary(Array(text.utf8)) }

    /// A union: a struct with exactly one field set.
    public static func union(_ field: ThriftField) -> ThriftValue { .struct([field]) }

    public var type: ThriftType {
        switch self {
        case .bool: .bool
        case .byte: .byte
        case .i16: .i16
        case .i32: .i32
        case .i64: .i64
        case .double: .double
        case .binary: .string
        case .struct: .struct
        case .list: .list
        case .set: .set
        case .map: .map
        }
    }
}

public struct ThriftField: Sendable, Hashable {
    public var id: Int16
    public var value: ThriftValue
    public init(_ id: Int16, _ value: ThriftValue) {
        self.id = id
        self.value = value
    }
}

public struct ThriftMapEntry: Sendable, Hashable {
    public var key: ThriftValue
    public var value: ThriftValue
    public init(_ key: ThriftValue, _ value: ThriftValue) {
        self.key = key
        self.value = value
    }
}

extension ThriftWriter {
    /// Writes `value` (no field header); containers use their declared element types.
    public mutating func write(_ value: ThriftValue) {
        switch value {
        case let .bool(v): writeBool(v)
        case let .byte(v): writeByte(v)
        case let .i16(v): writeI16(v)
        case let .i32(v): writeI32(v)
        case let .i64(v): writeI64(v)
        case let .double(v): writeDouble(v)
        case let .binary(v): writeBinary(v)
        case let .struct(fields):
            for field in fields {
                writeFieldBegin(field.value.type, id: field.id)
                write(field.value)
            }
            writeFieldStop()
        case let .list(element, items):
            writeListBegin(element, count: items.count)
            for item in items { write(item) }
        case let .set(element, items):
            writeSetBegin(element, count: items.count)
            for item in items { write(item) }
        case let .map(key, value, entries):
            writeMapBegin(key: key, value: value, count: entries.count)
            for entry in entries {
                write(entry.key)
                write(entry.value)
            }
        }
    }
}

extension ThriftReader {
    /// Reads one value of `type` with no schema, within the configured limits.
    public mutating func readValue(_ type: ThriftType) throws(ThriftError) -> ThriftValue {
        switch type {
        case .stop, .void: throw .unknownType(type.rawValue)
        case .bool: return .bool(try readBool())
        case .byte: return .byte(try readByte())
        case .i16: return .i16(try readI16())
        case .i32: return .i32(try readI32())
        case .i64: return .i64(try readI64())
        case .double: return .double(try readDouble())
        case .string: return .binary(try readBinary())
        case .struct:
            var fields: [ThriftField] = []
            try readStruct { reader, type, id throws(ThriftError) in
                fields.append(ThriftField(id, try reader.readValue(type)))
                return true
            }
            return .struct(fields)
        case .list, .set:
            try enter()
            defer { leave() }
            let (element, count) = try readListBegin()
            var items: [ThriftValue] = []
            items.reserveCapacity(count)
            for _ in 0..<count { items.append(try readValue(element)) }
            return type == .list ? .list(element: element, items) : .set(element: element, items)
        case .map:
            try enter()
            defer { leave() }
            let (key, value, count) = try readMapBegin()
            var entries: [ThriftMapEntry] = []
            entries.reserveCapacity(count)
            for _ in 0..<count { entries.append(ThriftMapEntry(try readValue(key), try readValue(value))) }
            return .map(key: key, value: value, entries)
        }
    }
}
