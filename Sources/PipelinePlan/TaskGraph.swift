/// The order of one step's tasks as a graph: task `j` may start only once every task in `after[j]` has finished.
/// Tasks are numbered as `PlanStep.tasks` lists them (file order).
///
/// `order waves`: every task of a wave waits for every task of the wave before it (an edge per pair: the scheduler
/// and `plan` run waves without the graph).
/// `order tables`, for each table:
/// - a task that reads it waits for the last task before it in file order that writes it; when none does, for the
///   last writer of the step (the table is made in this step: a model file needs no number);
/// - two writers keep their file order, and a writer waits for the readers placed between it and the writer
///   before it (they read the version before it);
/// - a task whose effect cannot be read (`TaskTables.isBarrier`) is a barrier: every task before it finishes first
///   and every task after it waits.
/// A read that cannot wait for its writer because the writer already waits for it (a cycle) keeps its file
/// order (`kept`); `check` reports it. `alone` is not an edge: the scheduler runs such a task by itself.
public struct TaskGraph: Sendable, Hashable {
    public enum Reason: Sendable, Hashable, Codable {
        /// Reads a table the earlier task writes.
        case reads(String)
        /// Writes a table the earlier task writes too: file order.
        case rewrites(String)
        /// Writes a table the earlier task reads first.
        case readFirst(String)
        /// One of the two cannot be read.
        case barrier
        /// The earlier task is in an earlier wave (`order waves`).
        case wave
    }

    public struct Edge: Sendable, Hashable {
        /// The task waited for.
        public var task: Int
        public var reason: Reason
    }

    /// A read that could not wait for the writer of its table: the writer already waits for the reader.
    public struct KeptOrder: Sendable, Hashable {
        public var reader: Int
        public var writer: Int
        public var table: String
    }

    /// What the graph needs to know of a task.
    public struct Node: Sendable, Hashable {
        public var reads: Set<String>
        public var writes: Set<String>
        public var barrier: Bool
        public var alone: Bool
        /// 0-based wave, for `order waves`.
        public var wave: Int

        public init(reads: Set<String> = [], writes: Set<String> = [], barrier: Bool = false, alone: Bool = false, wave: Int = 0) {
            self.reads = reads
            self.writes = writes
            self.barrier = barrier
            self.alone = alone
            self.wave = wave
        }
    }

    public let nodes: [Node]
    /// Direct predecessors of each task, without those another predecessor already waits for (the transitive
    /// reduction), lowest task first.
    public private(set) var after: [[Edge]]
    /// Successors of each task in the reduced graph.
    public private(set) var before: [[Int]]
    public private(set) var kept: [KeptOrder] = []
    /// A topological order (every task after those it waits for).
    public private(set) var topological: [Int] = []

    public var count: Int { nodes.count }

    public init(order: TaskOrder, nodes: [Node]) {
        self.nodes = nodes
        var edges = EdgeSet(count: nodes.count)
        switch order {
        case .waves: Self.waveEdges(nodes, &edges)
        case .tables: kept = Self.tableEdges(nodes, &edges)
        }
        topological = edges.topologicalOrder()
        after = edges.reduced(topological)
        before = Array(repeating: [], count: nodes.count)
        for (j, edges) in after.enumerated() { for edge in edges { before[edge.task].append(j) } }
    }

    /// The graph of a step as planned: tasks without `tables` (plans built by hand) are barriers.
    public init(_ step: PlanStep) {
        var nodes: [Node] = []
        for (wave, planWave) in step.waves.enumerated() {
            for task in planWave.tasks {
                let tables = task.tables ?? TaskTables(unknown: ["not read"])
                nodes.append(Node(
                    reads: Set(tables.reads), writes: Set(tables.writes), barrier: tables.isBarrier, alone: task.alone, wave: wave))
            }
        }
        self.init(order: step.order, nodes: nodes)
    }

    private static func waveEdges(_ nodes: [Node], _ edges: inout EdgeSet) {
        var previous: [Int] = []
        var current: [Int] = []
        var wave: Int?
        for (j, node) in nodes.enumerated() {
            if node.wave != wave, !current.isEmpty {
                previous = current
                current = []
            }
            wave = node.wave
            for i in previous { edges.add(i, j, .wave) }
            current.append(j)
        }
    }

    private static func tableEdges(_ nodes: [Node], _ edges: inout EdgeSet) -> [KeptOrder] {
        for (b, node) in nodes.enumerated() where node.barrier {
            for i in 0..<b { edges.add(i, b, .barrier) }
            for j in (b + 1)..<nodes.count { edges.add(b, j, .barrier) }
        }
        var writers: [String: [Int]] = [:]
        var readers: [String: [Int]] = [:]
        for (i, node) in nodes.enumerated() {
            for table in node.writes { writers[table, default: []].append(i) }
            for table in node.reads.subtracting(node.writes) { readers[table, default: []].append(i) }
        }
        for (table, list) in writers.sorted(by: { $0.key < $1.key }) {
            for (i, j) in zip(list, list.dropFirst()) { edges.add(i, j, .rewrites(table)) }
        }
        // Forward edges first (they cannot make a cycle); then the reads of tables written later, each only if
        // its writer does not already wait for the reader.
        var later: [(reader: Int, writer: Int, table: String)] = []
        for (table, list) in readers.sorted(by: { $0.key < $1.key }) {
            guard let tableWriters = writers[table], let last = tableWriters.last else { continue }
            for r in list {
                if let previous = tableWriters.last(where: { $0 < r }) {
                    edges.add(previous, r, .reads(table))
                    if let next = tableWriters.first(where: { $0 > r }) { edges.add(r, next, .readFirst(table)) }
                } else {
                    later.append((r, last, table))
                }
            }
        }
        var kept: [KeptOrder] = []
        for read in later.sorted(by: { ($0.reader, $0.table) < ($1.reader, $1.table) }) {
            guard edges.reaches(from: read.reader, to: read.writer) else {
                edges.add(read.writer, read.reader, .reads(read.table))
                continue
            }
            // File order kept: the reader reads the table before its writers (the first one it can precede).
            kept.append(KeptOrder(reader: read.reader, writer: read.writer, table: read.table))
            if let first = writers[read.table]?.first(where: { !edges.reaches(from: $0, to: read.reader) }) {
                edges.add(read.reader, first, .readFirst(read.table))
            }
        }
        return kept
    }
}

/// Edges while the graph is built: predecessors with the first reason given, successors for reachability.
struct EdgeSet {
    var predecessors: [[Int: TaskGraph.Reason]]
    var successors: [Set<Int>]

    init(count: Int) {
        predecessors = Array(repeating: [:], count: count)
        successors = Array(repeating: [], count: count)
    }

    /// `i` before `j`.
    mutating func add(_ i: Int, _ j: Int, _ reason: TaskGraph.Reason) {
        guard i != j, predecessors[j][i] == nil else { return }
        predecessors[j][i] = reason
        successors[i].insert(j)
    }

    func reaches(from start: Int, to target: Int) -> Bool {
        var seen: Set<Int> = [start]
        var stack = [start]
        while let i = stack.popLast() {
            if i == target { return true }
            for j in successors[i] where seen.insert(j).inserted { stack.append(j) }
        }
        return false
    }

    /// Kahn's algorithm, lowest index first among the ready.
    func topologicalOrder() -> [Int] {
        var waiting = predecessors.map(\.count)
        var ready = Set(waiting.indices.filter { waiting[$0] == 0 })
        var order: [Int] = []
        while let i = ready.min() {
            ready.remove(i)
            order.append(i)
            for j in successors[i] {
                waiting[j] -= 1
                if waiting[j] == 0 { ready.insert(j) }
            }
        }
        return order
    }

    /// Each task's predecessors without those implied by another predecessor.
    func reduced(_ order: [Int]) -> [[TaskGraph.Edge]] {
        let words = (predecessors.count + 63) / 64
        var ancestors = Array(repeating: [UInt64](repeating: 0, count: words), count: predecessors.count)
        func has(_ set: [UInt64], _ i: Int) -> Bool { set[i / 64] & (1 << UInt64(i % 64)) != 0 }
        for j in order {
            for (i, _) in predecessors[j] {
                ancestors[j][i / 64] |= 1 << UInt64(i % 64)
                for w in 0..<words { ancestors[j][w] |= ancestors[i][w] }
            }
        }
        return predecessors.map { preds in
            preds.filter { i, _ in !preds.keys.contains { k in k != i && has(ancestors[k], i) } }
                .map { TaskGraph.Edge(task: $0.key, reason: $0.value) }
                .sorted { $0.task < $1.task }
        }
    }
}
