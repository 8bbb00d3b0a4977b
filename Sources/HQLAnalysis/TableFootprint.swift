/// What one task's SQL does to tables, as a scheduler needs it: the tables it reads that it does not write itself,
/// the tables it writes, and what could not be read. Names are normalised (`TableAccess.table`).
public struct TableFootprint: Sendable, Hashable, Codable {
    /// Sorted, without the tables the task also writes (reading its own output is its own business).
    public var reads: [String]
    /// Sorted.
    public var writes: [String]
    /// Statements whose effect could not be read; non-empty makes the task a barrier.
    public var opaque: [OpaqueStatement]

    public init(reads: [String] = [], writes: [String] = [], opaque: [OpaqueStatement] = []) {
        self.reads = reads
        self.writes = writes
        self.opaque = opaque
    }

    /// A name that still holds `${...}` is not a table anyone can match: it is reported in `opaque` instead.
    public init(_ analysis: HQLFileAnalysis) {
        let named = analysis.tables.filter { !$0.table.contains("${") }
        let writes = Set(named.filter { $0.kind == .write }.map(\.table))
        let reads = Set(named.filter { $0.kind == .read }.map(\.table)).subtracting(writes)
        self.init(reads: reads.sorted(), writes: writes.sorted(), opaque: analysis.opaque)
    }
}
