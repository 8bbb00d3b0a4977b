/// A struct that writes its own fields (the stop byte is written by the caller, `ThriftWriter.writeStruct`).
public protocol ThriftEncodable: Sendable {
    func encodeFields(to writer: inout ThriftWriter)
}

/// A struct read from its fields; unknown fields are skipped by `ThriftReader.readStruct`.
public protocol ThriftDecodable: Sendable {
    init(from reader: inout ThriftReader) throws(ThriftError)
}

extension ThriftWriter {
    /// A whole struct: its fields, then the stop byte.
    public mutating func writeStruct(_ value: some ThriftEncodable) {
        value.encodeFields(to: &self)
        writeFieldStop()
    }

    /// Field `id` holding `value` as a struct.
    public mutating func writeField(id: Int16, _ value: some ThriftEncodable) {
        writeFieldBegin(.struct, id: id)
        writeStruct(value)
    }

    public mutating func writeField(id: Int16, _ value: String) {
        writeFieldBegin(.string, id: id)
        writeString(value)
    }

    public mutating func writeField(id: Int16, _ value: Int32) {
        writeFieldBegin(.i32, id: id)
        writeI32(value)
    }

    public mutating func writeField(id: Int16, _ value: Int64) {
        writeFieldBegin(.i64, id: id)
        writeI64(value)
    }

    public mutating func writeField(id: Int16, _ value: Int16) {
        writeFieldBegin(.i16, id: id)
        writeI16(value)
    }

    public mutating func writeField(id: Int16, _ value: Bool) {
        writeFieldBegin(.bool, id: id)
        writeBool(value)
    }

    public mutating func writeField(id: Int16, binary value: [UInt8]) {
        writeFieldBegin(.string, id: id)
        writeBinary(value)
    }

    /// A `map<string, string>` field, keys in sorted order so the bytes are reproducible.
    public mutating func writeField(id: Int16, _ map: [String: String]) {
        writeFieldBegin(.map, id: id)
        writeMapBegin(key: .string, value: .string, count: map.count)
        for key in map.keys.sorted() {
            writeString(key)
            writeString(map[key]!)
        }
    }
}

extension ThriftReader {
    public mutating func readStruct<T: ThriftDecodable>(_: T.Type = T.self) throws(ThriftError) -> T {
        try T(from: &self)
    }

    /// A `list<T>` of structs.
    public mutating func readList<T: ThriftDecodable>(of _: T.Type) throws(ThriftError) -> [T] {
        try readList(expecting: .struct) { reader throws(ThriftError) in try T(from: &reader) }
    }

    /// A list whose elements `element` reads; a list of another element type is skipped and read as empty.
    public mutating func readList<T>(
        expecting type: ThriftType, _ element: (inout ThriftReader) throws(ThriftError) -> T
    ) throws(ThriftError) -> [T] {
        try enter()
        defer { leave() }
        let (actual, count) = try readListBegin()
        guard actual == type else {
            for _ in 0..<count { try skip(actual) }
            return []
        }
        var items: [T] = []
        items.reserveCapacity(count)
        for _ in 0..<count { items.append(try element(&self)) }
        return items
    }

    /// A `map<string, string>`; entries of other types are skipped.
    public mutating func readStringMap() throws(ThriftError) -> [String: String] {
        try enter()
        defer { leave() }
        let (key, value, count) = try readMapBegin()
        var map: [String: String] = [:]
        for _ in 0..<count {
            if key == .string, value == .string {
                let k = try readString(field: "map key")
                map[k] = try readString(field: "map value")
            } else {
                try skip(key)
                try skip(value)
            }
        }
        return map
    }
}
