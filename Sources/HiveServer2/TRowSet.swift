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
///
/// Indexed, not decoded: it keeps the reply's bytes (bounded by `maxMessageBytes`) and where each column's values
/// start, and decodes one row at a time as `forEachRow` walks them. Decoding a whole reply up front cost about 50
/// bytes per value (a million booleans took 1.5 GB); walking it costs one row.
public struct TRowSet: Sendable {
    public var startRowOffset: Int64
    private let bytes: [UInt8]
    private let columns: [ColumnIndex]

    /// Where one column's values are in `bytes`.
    struct ColumnIndex: Sendable {
        /// The TColumn union's field: 1 bool, 2 byte, 3 i16, 4 i32, 5 i64, 6 double, 7 string, 8 binary.
        var kind: Int16
        var count: Int
        /// Offset of the first value.
        var start: Int
        /// The null bitmap's offset and length (bit i set: row i is NULL).
        var nulls: Range<Int>
    }

    /// An empty row set (a reply without one).
    public init() {
        self.init(startRowOffset: 0, bytes: [], columns: [])
    }

    private init(startRowOffset: Int64, bytes: [UInt8], columns: [ColumnIndex]) {
        self.startRowOffset = startRowOffset
        self.bytes = bytes
        self.columns = columns
    }

    public var columnCount: Int { columns.count }

    /// Rows, as the shortest column has values (all columns have one value per row from a sound server).
    public var rowCount: Int { columns.map(\.count).min() ?? 0 }

    /// The most values any column holds: what a bound on rows must check (a hostile column may be longer).
    public var longestColumn: Int { columns.map(\.count).max() ?? 0 }

    /// Calls `body` with each row in order, decoding only that row; `body` may throw to stop (a cancellation).
    public func forEachRow(_ body: ([HiveValue]) throws -> Void) rethrows {
        var cursors = columns.map(\.start)
        var row: [HiveValue] = []
        row.reserveCapacity(columns.count)
        for index in 0..<rowCount {
            row.removeAll(keepingCapacity: true)
            for c in columns.indices { row.append(value(c, row: index, cursor: &cursors[c])) }
            try body(row)
        }
    }

    /// Every row at once: for small sets (a log fetch, a test). Large results go through `forEachRow`.
    public var rows: [[HiveValue]] {
        var all: [[HiveValue]] = []
        all.reserveCapacity(rowCount)
        forEachRow { all.append($0) }
        return all
    }

    /// Value `row` of column `c`; `cursor` walks a string column (variable-length values), rows in order.
    private func value(_ c: Int, row: Int, cursor: inout Int) -> HiveValue {
        let column = columns[c]
        let isNull = Self.isNull(row, bytes, column.nulls)
        switch column.kind {
        case 1...6:
            let size = Self.size(of: column.kind)
            let at = column.start + row * size
            if isNull { return .null }
            switch column.kind {
            case 1: return .bool(bytes[at] != 0)
            case 2: return .int(Int64(Int8(bitPattern: bytes[at])))
            case 3: return .int(Int64(Int16(bitPattern: UInt16(truncatingIfNeeded: Self.integer(bytes, at, 2)))))
            case 4: return .int(Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: Self.integer(bytes, at, 4)))))
            case 5: return .int(Int64(bitPattern: Self.integer(bytes, at, 8)))
            default: return .double(Double(bitPattern: Self.integer(bytes, at, 8)))
            }
        default:
            let length = Int(Int32(bitPattern: UInt32(truncatingIfNeeded: Self.integer(bytes, cursor, 4))))
            let raw = bytes[(cursor + 4)..<(cursor + 4 + length)]
            cursor += 4 + length
            if isNull { return .null }
            // A server may send bytes that are not UTF-8 in a string column; keep them rather than fail.
            if column.kind == 7, let text = String(validating: raw, as: UTF8.self) { return .string(text) }
            return .binary(Array(raw))
        }
    }

    private static func isNull(_ row: Int, _ bytes: [UInt8], _ nulls: Range<Int>) -> Bool {
        let byte = nulls.lowerBound + row / 8
        return byte < nulls.upperBound && bytes[byte] & (1 << UInt8(row % 8)) != 0
    }

    private static func integer(_ bytes: [UInt8], _ at: Int, _ size: Int) -> UInt64 {
        var v: UInt64 = 0
        for i in 0..<size { v = v << 8 | UInt64(bytes[at + i]) }
        return v
    }

    static func size(of kind: Int16) -> Int {
        switch kind {
        case 1, 2: 1
        case 3: 2
        case 4: 4
        default: 8
        }
    }

    static func elementType(of kind: Int16) -> ThriftType {
        switch kind {
        case 1: .bool
        case 2: .byte
        case 3: .i16
        case 4: .i32
        case 5: .i64
        case 6: .double
        default: .string
        }
    }
}

extension TRowSet: ThriftDecodable {
    /// Checks the columns' shape and records where their values are; the values are read by `forEachRow`.
    public init(from reader: inout ThriftReader) throws(ThriftError) {
        var offset: Int64 = 0
        var columns: [ColumnIndex] = []
        try reader.readStruct { r, type, id throws(ThriftError) in
            switch (id, type) {
            case (1, .i64): offset = try r.readI64()
            case (3, .list):
                columns = try r.readList(expecting: .struct) { r throws(ThriftError) in try Self.indexColumn(&r) }
            default: return false  // 2: rows (pre-V6), 4: binaryColumns (V9 SerDe), 5: columnCount
            }
            return true
        }
        self.init(startRowOffset: offset, bytes: reader.bytes, columns: columns)
    }

    /// union TColumn: field 1..8 = T<Type>Column { 1: list<T> values, 2: binary nulls }.
    static func indexColumn(_ reader: inout ThriftReader) throws(ThriftError) -> ColumnIndex {
        var column: ColumnIndex?
        var fields = 0
        try reader.readStruct { r, type, id throws(ThriftError) in
            guard type == .struct, (1...8).contains(id) else { return false }
            fields += 1
            column = try indexTypedColumn(&r, kind: id)
            return true
        }
        guard fields == 1, let column else { throw .invalidUnion(name: "TColumn", fieldCount: fields) }
        return column
    }

    private static func indexTypedColumn(_ reader: inout ThriftReader, kind: Int16) throws(ThriftError) -> ColumnIndex {
        var column = ColumnIndex(kind: kind, count: 0, start: 0, nulls: 0..<0)
        try reader.readStruct { r, type, id throws(ThriftError) in
            switch (id, type) {
            case (1, .list):
                try r.enter()
                defer { r.leave() }
                let (element, count) = try r.readListBegin()
                let start = r.position
                if element == elementType(of: kind) {
                    column.count = count
                    column.start = start
                    if element == .string {
                        for _ in 0..<count { try r.skip(.string) }
                    } else {
                        try r.skipBytes(count * size(of: kind))
                    }
                } else {
                    // Values of another type than the column says: read as an empty column, as before.
                    for _ in 0..<count { try r.skip(element) }
                }
            case (2, .string):
                let length = Int(try r.readI32())
                guard length >= 0, length <= r.limits.maxStringLength else {
                    throw .limitExceeded(what: "string length", value: length, limit: r.limits.maxStringLength)
                }
                let start = r.position
                try r.skipBytes(length)
                column.nulls = start..<(start + length)
            default: return false
            }
            return true
        }
        return column
    }
}
