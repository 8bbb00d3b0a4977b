import Thrift

/// One result column's name and type. Only the top type entry is read: a primitive's TTypeId, or the kind
/// of a complex type (whose values the server sends as strings anyway).
public struct TColumnDesc: Sendable, Hashable, ThriftDecodable {
    public var name: String
    /// TTypeId of a primitive (e.g. 3 INT_TYPE, 7 STRING_TYPE); nil for complex types.
    public var primitiveTypeID: Int32?
    public var position: Int32
    public var comment: String?

    public init(name: String, primitiveTypeID: Int32?, position: Int32, comment: String? = nil) {
        self.name = name
        self.primitiveTypeID = primitiveTypeID
        self.position = position
        self.comment = comment
    }

    public init(from reader: inout ThriftReader) throws(ThriftError) {
        var name: String?
        var typeID: Int32?
        var position: Int32 = 0
        var comment: String?
        try reader.readStruct { r, type, id throws(ThriftError) in
            switch (id, type) {
            case (1, .string): name = try r.readString(field: "columnName")
            case (2, .struct): typeID = try Self.readTopPrimitive(&r)
            case (3, .i32): position = try r.readI32()
            case (4, .string): comment = try r.readString(field: "comment")
            default: return false
            }
            return true
        }
        guard let name else { throw .missingRequiredField(structName: "TColumnDesc", field: "columnName") }
        self.init(name: name, primitiveTypeID: typeID, position: position, comment: comment)
    }

    /// TTypeDesc { 1: list<TTypeEntry> } → the first entry's TPrimitiveTypeEntry.type, if it is primitive.
    private static func readTopPrimitive(_ reader: inout ThriftReader) throws(ThriftError) -> Int32? {
        var result: Int32?
        try reader.readStruct { r, type, id throws(ThriftError) in
            guard id == 1, type == .list else { return false }
            let entries = try r.readList(expecting: .struct) { r throws(ThriftError) -> Int32? in
                var primitive: Int32?
                try r.readStruct { r, type, id throws(ThriftError) in  // union TTypeEntry
                    guard id == 1, type == .struct else { return false }
                    try r.readStruct { r, type, id throws(ThriftError) in  // TPrimitiveTypeEntry
                        guard id == 1, type == .i32 else { return false }
                        primitive = try r.readI32()
                        return true
                    }
                    return true
                }
                return primitive
            }
            result = entries.first ?? nil
            return true
        }
        return result
    }
}

public struct TGetResultSetMetadataResp: Sendable, ThriftDecodable {
    public var status: TStatus
    public var columns: [TColumnDesc]

    public init(from reader: inout ThriftReader) throws(ThriftError) {
        var status: TStatus?
        var columns: [TColumnDesc] = []
        try reader.readStruct { r, type, id throws(ThriftError) in
            switch (id, type) {
            case (1, .struct): status = try TStatus(from: &r)
            case (2, .struct):  // TTableSchema { 1: list<TColumnDesc> }
                try r.readStruct { r, type, id throws(ThriftError) in
                    guard id == 1, type == .list else { return false }
                    columns = try r.readList(of: TColumnDesc.self)
                    return true
                }
            default: return false
            }
            return true
        }
        guard let status else { throw .missingRequiredField(structName: "TGetResultSetMetadataResp", field: "status") }
        self.status = status
        self.columns = columns.sorted { $0.position < $1.position }
    }
}

public struct TFetchResultsReq: Sendable, ThriftEncodable {
    /// TFetchOrientation: 0 FETCH_NEXT, 4 FETCH_FIRST.
    public enum Orientation: Int32, Sendable { case next = 0, first = 4 }
    /// 0: the query's rows; 1: the operation log.
    public enum FetchType: Int16, Sendable { case rows = 0, log = 1 }

    public var operationHandle: TOperationHandle
    public var orientation: Orientation
    public var maxRows: Int64
    public var fetchType: FetchType

    public init(operationHandle: TOperationHandle, orientation: Orientation = .next, maxRows: Int64, fetchType: FetchType) {
        self.operationHandle = operationHandle
        self.orientation = orientation
        self.maxRows = maxRows
        self.fetchType = fetchType
    }

    public func encodeFields(to writer: inout ThriftWriter) {
        writer.writeField(id: 1, operationHandle)
        writer.writeField(id: 2, orientation.rawValue)
        writer.writeField(id: 3, maxRows)
        writer.writeField(id: 4, fetchType.rawValue)
    }
}

public struct TFetchResultsResp: Sendable, ThriftDecodable {
    public var status: TStatus
    public var hasMoreRows: Bool?
    public var rowSet: TRowSet?

    public init(from reader: inout ThriftReader) throws(ThriftError) {
        var status: TStatus?
        var hasMoreRows: Bool?
        var rowSet: TRowSet?
        try reader.readStruct { r, type, id throws(ThriftError) in
            switch (id, type) {
            case (1, .struct): status = try TStatus(from: &r)
            case (2, .bool): hasMoreRows = try r.readBool()
            case (3, .struct): rowSet = try TRowSet(from: &r)
            default: return false
            }
            return true
        }
        guard let status else { throw .missingRequiredField(structName: "TFetchResultsResp", field: "status") }
        self.status = status
        self.hasMoreRows = hasMoreRows
        self.rowSet = rowSet
    }
}
