import Thrift

/// A value of a result row, typed as the server sent it (TINYINT..BIGINT as `.int`, FLOAT/DOUBLE as `.double`;
/// DECIMAL, DATE, TIMESTAMP and complex types arrive as strings).
public enum HiveValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case binary([UInt8])
}

/// The columnar row set of protocol V6+: one typed column per result column, each with a null bitmap.
/// Row-based sets (`rows`, protocol V1-V5) are not read: the client asks for V10 and needs V6 or newer.
public struct TRowSet: Sendable, Hashable, ThriftDecodable {
    public var startRowOffset: Int64
    public var columns: [[HiveValue]]

    public init(startRowOffset: Int64 = 0, columns: [[HiveValue]]) {
        self.startRowOffset = startRowOffset
        self.columns = columns
    }

    /// Rows, built from the columns (all columns have one value per row).
    public var rows: [[HiveValue]] {
        let count = columns.map(\.count).min() ?? 0
        return (0..<count).map { row in columns.map { $0[row] } }
    }

    public var rowCount: Int { columns.map(\.count).min() ?? 0 }

    public init(from reader: inout ThriftReader) throws(ThriftError) {
        var offset: Int64 = 0
        var columns: [[HiveValue]] = []
        try reader.readStruct { r, type, id throws(ThriftError) in
            switch (id, type) {
            case (1, .i64): offset = try r.readI64()
            case (3, .list): columns = try r.readList(expecting: .struct) { r throws(ThriftError) in try Self.readColumn(&r) }
            default: return false  // 2: rows (pre-V6), 4: binaryColumns (V9 SerDe), 5: columnCount
            }
            return true
        }
        self.init(startRowOffset: offset, columns: columns)
    }

    /// union TColumn: field 1..8 = T<Type>Column { 1: list<T> values, 2: binary nulls }.
    static func readColumn(_ reader: inout ThriftReader) throws(ThriftError) -> [HiveValue] {
        var values: [HiveValue] = []
        var fields = 0
        try reader.readStruct { r, type, id throws(ThriftError) in
            guard type == .struct, (1...8).contains(id) else { return false }
            fields += 1
            values = try readTypedColumn(&r, kind: id)
            return true
        }
        guard fields == 1 else { throw .invalidUnion(name: "TColumn", fieldCount: fields) }
        return values
    }

    private static func readTypedColumn(_ reader: inout ThriftReader, kind: Int16) throws(ThriftError) -> [HiveValue] {
        var values: [HiveValue] = []
        var nulls: [UInt8] = []
        try reader.readStruct { r, type, id throws(ThriftError) in
            switch (id, type) {
            case (1, .list): values = try readValues(&r, kind: kind)
            case (2, .string): nulls = try r.readBinary()
            default: return false
            }
            return true
        }
        // Bit i of the bitmap (byte i/8, least significant bit first) marks row i as NULL.
        for (byteIndex, byte) in nulls.enumerated() where byte != 0 {
            for bit in 0..<8 where byte & (1 << bit) != 0 {
                let row = byteIndex * 8 + bit
                if row < values.count { values[row] = .null }
            }
        }
        return values
    }

    private static func readValues(_ r: inout ThriftReader, kind: Int16) throws(ThriftError) -> [HiveValue] {
        switch kind {
        case 1: return try r.readList(expecting: .bool) { r throws(ThriftError) in .bool(try r.readBool()) }
        case 2: return try r.readList(expecting: .byte) { r throws(ThriftError) in .int(Int64(try r.readByte())) }
        case 3: return try r.readList(expecting: .i16) { r throws(ThriftError) in .int(Int64(try r.readI16())) }
        case 4: return try r.readList(expecting: .i32) { r throws(ThriftError) in .int(Int64(try r.readI32())) }
        case 5: return try r.readList(expecting: .i64) { r throws(ThriftError) in .int(try r.readI64()) }
        case 6: return try r.readList(expecting: .double) { r throws(ThriftError) in .double(try r.readDouble()) }
        case 7:
            return try r.readList(expecting: .string) { r throws(ThriftError) in
                let raw = try r.readBinary()
                // A server may send bytes that are not UTF-8 in a string column; keep them rather than fail.
                return String(validating: raw, as: UTF8.self).map(HiveValue.string) ?? .binary(raw)
            }
        default: return try r.readList(expecting: .string) { r throws(ThriftError) in .binary(try r.readBinary()) }
        }
    }
}
