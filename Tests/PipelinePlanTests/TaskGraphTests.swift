import PipelinePlan
import Testing
import TestSupport

/// The task graph's rules (`TaskGraph`), on nodes written by hand.
@Suite struct TaskGraphTests {
    typealias Node = TaskGraph.Node

    /// Each task's direct waits as "task:reason" strings.
    func waits(_ graph: TaskGraph) -> [[String]] {
        graph.after.map { edges in
            edges.map { edge in
                switch edge.reason {
                case .reads(let t): "\(edge.task):reads \(t)"
                case .rewrites(let t): "\(edge.task):rewrites \(t)"
                case .readFirst(let t): "\(edge.task):read-first \(t)"
                case .barrier: "\(edge.task):barrier"
                case .wave: "\(edge.task):wave"
                }
            }
        }
    }

    @Test func aReaderWaitsForTheWriterWhateverTheFileOrder() {
        // Alphabetical files: the fact comes before the dimension it joins.
        let graph = TaskGraph(order: .tables, nodes: [
            Node(reads: ["m.dim", "src.f"], writes: ["m.fact"]),
            Node(reads: ["src.d"], writes: ["m.dim"]),
            Node(reads: ["src.x"], writes: ["m.other"]),
        ])
        #expect(waits(graph) == [["1:reads m.dim"], [], []])
        #expect(graph.kept.isEmpty)
    }

    @Test func writersKeepFileOrderAndAReaderBetweenThemReadsTheFirstVersion() {
        let graph = TaskGraph(order: .tables, nodes: [
            Node(writes: ["t"]), Node(reads: ["t"], writes: ["a"]), Node(writes: ["t"]), Node(reads: ["t"]),
        ])
        // 2 waits for 0 through 1: the direct edge is implied and not listed.
        #expect(waits(graph) == [[], ["0:reads t"], ["1:read-first t"], ["2:reads t"]])
    }

    @Test func aBarrierOrdersEverythingBeforeAndAfterIt() {
        let graph = TaskGraph(order: .tables, nodes: [
            Node(writes: ["a"]), Node(writes: ["b"]), Node(barrier: true), Node(reads: ["x"]), Node(reads: ["y"]),
        ])
        #expect(waits(graph) == [[], [], ["0:barrier", "1:barrier"], ["2:barrier"], ["2:barrier"]])
    }

    @Test func aReadThatWouldCloseACycleKeepsItsFileOrder() {
        // 0 reads t (written later by 1), but 1 reads u, which 0 writes: 1 already waits for 0.
        let graph = TaskGraph(order: .tables, nodes: [Node(reads: ["t"], writes: ["u"]), Node(reads: ["u"], writes: ["t"])])
        #expect(waits(graph) == [[], ["0:reads u"]])
        #expect(graph.kept.map { "\($0.reader) before \($0.writer): \($0.table)" } == ["0 before 1: t"])
        #expect(graph.topological == [0, 1])
    }

    @Test func aReadAcrossABarrierKeepsItsFileOrder() {
        let graph = TaskGraph(order: .tables, nodes: [Node(reads: ["t"]), Node(barrier: true), Node(writes: ["t"])])
        #expect(waits(graph) == [[], ["0:barrier"], ["1:barrier"]])
        #expect(graph.kept.map(\.table) == ["t"])
    }

    @Test func tablesNobodyInTheStepWritesAreInputs() {
        let graph = TaskGraph(order: .tables, nodes: [Node(reads: ["src.a"], writes: ["m.a"]), Node(reads: ["src.a"], writes: ["m.b"])])
        #expect(waits(graph) == [[], []])
    }

    @Test func wavesAreBarriersBetweenConsecutiveWaves() {
        let graph = TaskGraph(order: .waves, nodes: [
            Node(wave: 0), Node(wave: 0), Node(reads: ["x"], wave: 1), Node(wave: 2), Node(wave: 2),
        ])
        #expect(waits(graph) == [[], [], ["0:wave", "1:wave"], ["2:wave"], ["2:wave"]])
    }

    @Test func theLongestRemainingPathAndTheCriticalPath() {
        // 0 → 2 → 3 and 1 → 3; 4 alone.
        let graph = TaskGraph(order: .tables, nodes: [
            Node(writes: ["a"]), Node(writes: ["b"]), Node(reads: ["a"], writes: ["c"]), Node(reads: ["b", "c"]), Node(writes: ["z"]),
        ])
        let seconds = [1.0, 5, 2, 3, 4]
        #expect(graph.remaining(seconds) == [6, 8, 5, 3, 4])
        let critical = graph.criticalPath(seconds)
        #expect(critical.tasks == [1, 3])
        #expect(critical.seconds == 8)
    }

    @Test(arguments: 1...20) func randomGraphsAreAcyclicAndOrderEveryReadAgainstEveryWriter(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let nodes = (0..<120).map { i in
            Node(
                reads: Set((0..<Int(random.next() % 5)).map { _ in "t\(random.next() % 120)" }),
                writes: random.next() % 8 == 0 ? ["t\(random.next() % 120)", "t\(i)"] : ["t\(i)"],
                barrier: random.next() % 40 == 0)
        }
        let graph = TaskGraph(order: .tables, nodes: nodes)
        #expect(graph.topological.count == nodes.count)
        var position = [Int: Int]()
        for (p, i) in graph.topological.enumerated() { position[i] = p }
        for (j, edges) in graph.after.enumerated() {
            for edge in edges { #expect(position[edge.task]! < position[j]!) }
        }
        // Every read of a table another task writes is ordered one way or the other (waits, or kept).
        for (r, node) in nodes.enumerated() {
            for table in node.reads.subtracting(node.writes) {
                for (w, writer) in nodes.enumerated() where w != r && writer.writes.contains(table) {
                    #expect(reaches(graph, w, r) || reaches(graph, r, w), "seed \(seed): \(r) reads \(table) of \(w)")
                }
            }
            // And so is every pair of writers of one table.
            for (w, writer) in nodes.enumerated() where w > r && !writer.writes.isDisjoint(with: node.writes) {
                #expect(reaches(graph, r, w), "seed \(seed): writers \(r), \(w)")
            }
        }
    }

    func reaches(_ graph: TaskGraph, _ from: Int, _ to: Int) -> Bool {
        var stack = [from]
        var seen: Set<Int> = [from]
        while let i = stack.popLast() {
            if i == to { return true }
            for j in graph.before[i] where seen.insert(j).inserted { stack.append(j) }
        }
        return false
    }
}
