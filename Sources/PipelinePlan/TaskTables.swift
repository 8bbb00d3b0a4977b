import HQLAnalysis

/// A task's `reads=[...]`/`writes=[...]` as written in the pipeline file, interpolated and normalised
/// (`TableName.normalise`).
public struct DeclaredTables: Sendable, Hashable, Codable {
    public var reads: [String]
    public var writes: [String]

    public init(reads: [String] = [], writes: [String] = []) {
        self.reads = reads
        self.writes = writes
    }
}

/// What a task reads and writes for the task graph: the tables its SQL names (after its variables are substituted)
/// together with those it declares. A task whose effect cannot be read (a `command` or an `action`, a statement
/// the inference does not understand, a table name left with `${...}`, an unreadable file) is a barrier, unless
/// it declares its tables: then the declaration is taken as the rest of the truth.
public struct TaskTables: Sendable, Hashable, Codable {
    /// Sorted; without the tables the task also writes.
    public var reads: [String]
    /// Sorted.
    public var writes: [String]
    /// Why the task is a barrier, one line each ("sql/x.sql:3:1: statement 'dfs -rm' acts outside the tables");
    /// empty: it is not.
    public var unknown: [String]

    public init(reads: [String] = [], writes: [String] = [], unknown: [String] = []) {
        self.reads = reads
        self.writes = writes
        self.unknown = unknown
    }

    public var isBarrier: Bool { !unknown.isEmpty }

    /// The inferred footprint of the SQL in `file` (a path to show, or nil for an inline statement), with the
    /// declaration merged in.
    public init(_ footprint: TableFootprint, file: String?, declared: DeclaredTables?) {
        let unknown = footprint.opaque.map { opaque in
            (file.map { "\($0):\(opaque.position): " } ?? "") + opaque.description
        }
        self.init(reads: footprint.reads, writes: footprint.writes, unknown: unknown)
        if let declared { self = declaring(declared) }
    }

    /// What a task the planner cannot read is: a barrier unless it declares its tables.
    public static func unreadable(_ why: String, declared: DeclaredTables?) -> TaskTables {
        declared.map { TaskTables().declaring($0) } ?? TaskTables(unknown: [why])
    }

    /// The declaration added, and the barrier lifted.
    public func declaring(_ declared: DeclaredTables) -> TaskTables {
        let writes = Set(writes).union(declared.writes)
        let reads = Set(reads).union(declared.reads).subtracting(writes)
        return TaskTables(reads: reads.sorted(), writes: writes.sorted(), unknown: [])
    }
}
