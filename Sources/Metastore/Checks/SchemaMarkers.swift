/// Tables and columns that only exist from a given Hive release on. schematool trusts the VERSION row and
/// people hand-edit it, so the structure is checked against these.
public struct SchemaMarker: Sendable, Hashable, CustomStringConvertible {
    public var table: String
    /// nil: the marker is the table itself.
    public var column: String?

    public var description: String { column.map { "\(table).\($0)" } ?? table }

    static func table(_ name: String) -> SchemaMarker { SchemaMarker(table: name, column: nil) }
    static func column(_ table: String, _ column: String) -> SchemaMarker { SchemaMarker(table: table, column: column) }
}

public enum SchemaMarkers {
    /// Added by Hive 3.0. `SCHEMA_VERSION` is a table here (and also a column of `VERSION` since long before).
    public static let hive30: [SchemaMarker] =
        [
            "CTLGS", "METASTORE_DB_PROPERTIES", "WM_RESOURCEPLAN", "WM_POOL", "WM_TRIGGER", "WM_POOL_TO_TRIGGER",
            "WM_MAPPING", "I_SCHEMA", "SCHEMA_VERSION", "MV_CREATION_METADATA", "MV_TABLES_USED", "TXN_TO_WRITE_ID",
            "NEXT_WRITE_ID", "REPL_TXN_MAP", "MIN_HISTORY_LEVEL", "RUNTIME_STATS",
        ].map(SchemaMarker.table)
        + [.column("DBS", "CTLG_NAME"), .column("TBLS", "OWNER_TYPE")]
        + ["TAB_COL_STATS", "PART_COL_STATS", "PARTITION_EVENTS", "NOTIFICATION_LOG"].map { .column($0, "CAT_NAME") }

    /// Added by Hive 3.1.
    public static let hive31: [SchemaMarker] =
        [.table("MATERIALIZATION_REBUILD_LOCKS")]
        + ["GLOBAL_PRIVS", "DB_PRIVS", "TBL_PRIVS", "PART_PRIVS", "TBL_COL_PRIVS", "PART_COL_PRIVS"]
            .map { .column($0, "AUTHORIZER") }
        + [.column("TXNS", "TXN_TYPE")]
}
