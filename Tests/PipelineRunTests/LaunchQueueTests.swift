import PipelinePlan
import Testing
import TestSupport
@testable import PipelineRun

/// The scheduler's choice of the next task (`LaunchQueue`, `LaunchGroup`) driven by hand and by a simulated clock:
/// no process, no sleep.
@Suite struct LaunchQueueTests {
    typealias Node = TaskGraph.Node

    /// 0 → 2 → 3, 1 → 3, 4 independent.
    static let diamond = TaskGraph(order: .tables, nodes: [
        Node(writes: ["a"]), Node(writes: ["b"]), Node(reads: ["a"], writes: ["c"]), Node(reads: ["b", "c"]), Node(writes: ["z"]),
    ])

    func queue(_ graph: TaskGraph = diamond, tasks: [Int]? = nil, priority: [Double]? = nil, releases: Bool = false) -> LaunchQueue {
        LaunchQueue(
            graph: graph, tasks: tasks ?? Array(0..<graph.count), priority: priority ?? graph.remaining(Array(repeating: 1, count: graph.count)),
            failureReleases: releases)
    }

    /// Everything `next()` gives now.
    func drain(_ queue: inout LaunchQueue) -> [Int] {
        var out: [Int] = []
        while let i = queue.next() { out.append(i) }
        return out
    }

    @Test func aTaskIsReadyOnceEverythingItWaitsForHasSucceeded() {
        var q = queue()
        #expect(Set(drain(&q)) == [0, 1, 4])
        q.finished(1, succeeded: true)
        #expect(drain(&q) == [])  // 3 still waits for 2
        q.finished(0, succeeded: true)
        #expect(drain(&q) == [2])
        q.finished(2, succeeded: true)
        #expect(drain(&q) == [3])
        q.finished(3, succeeded: true)
        q.finished(4, succeeded: true)
        #expect(q.isDone)
    }

    @Test func aFailureHoldsBackWhatWaitsForIt() {
        var q = queue()
        _ = drain(&q)
        q.finished(0, succeeded: false)
        q.finished(1, succeeded: true)
        q.finished(4, succeeded: true)
        #expect(drain(&q) == [])
        #expect(q.isDone)  // 2 and 3 never start
    }

    @Test func inAnIgnoredStepAFailureReleasesItsDependents() {
        var q = queue(releases: true)
        _ = drain(&q)
        q.finished(0, succeeded: false)
        #expect(drain(&q) == [2])
    }

    @Test func theLongestRemainingPathStartsFirst() {
        // Task counts: 0 (chain 0-2-3: 3) before 1 (1-3: 2) before 4 (1); durations can turn that round.
        var byCount = queue()
        #expect(drain(&byCount) == [0, 1, 4])
        var byTime = queue(priority: Self.diamond.remaining([1, 1, 1, 1, 10]))
        #expect(drain(&byTime) == [4, 0, 1])
    }

    @Test func tasksDoneInTheResumedRunAreNotWaitedFor() {
        var q = queue(tasks: [2, 3])  // 0, 1 and 4 succeeded before the kill
        #expect(drain(&q) == [2])
    }

    @Test func anAloneTaskWaitsForTheOthersAndRunsByItself() {
        let graph = TaskGraph(order: .tables, nodes: [Node(writes: ["a"]), Node(writes: ["b"], alone: true), Node(writes: ["c"])])
        var q = queue(graph, priority: [1, 3, 2])
        // 1 is first by priority but alone: nothing may start beside it, so it runs first, by itself.
        #expect(drain(&q) == [1])
        q.finished(1, succeeded: true)
        #expect(drain(&q) == [2, 0])
        var later = queue(graph, priority: [3, 2, 1])
        #expect(drain(&later) == [0])  // 1 is next: it waits for 0 to end, and 2 must not slip in meanwhile
        later.finished(0, succeeded: true)
        #expect(drain(&later) == [1])
        later.finished(1, succeeded: true)
        #expect(drain(&later) == [2])
    }

    @Test func wavesRunTheirTasksInFileOrder() {
        let step = Self.step(order: .waves, waves: [["a", "b"], ["c"]], carried: [])
        let groups = LaunchGroup.groups(step, carried: ["s/b"])
        #expect(groups.map(\.tasks) == [[0], [2]])
        #expect(groups.map { $0.wave?.name } == ["1", "2"])
        var first = groups[0].queue
        #expect(drain(&first) == [0])
    }

    @Test func tableOrderRunsTheWholeStepAsOneGroup() {
        let step = Self.step(order: .tables, waves: [["a", "b"], ["c"]], carried: [])
        let groups = LaunchGroup.groups(step, carried: [])
        #expect(groups.count == 1)
        #expect(groups[0].wave == nil)
        #expect(groups[0].name(in: step) == "step s")
        var q = groups[0].queue
        #expect(Set(drain(&q)) == [0, 1, 2])  // no tables shared: the declared waves only group them
    }

    /// With fake durations and a simulated clock: the step's time equals its critical path when slots are
    /// plenty, every task starts the instant its last predecessor ends, and never later than waves would.
    @Test func aSimulatedStepTakesItsCriticalPath() {
        // Model-like: dimensions, then facts reading them, then summaries.
        let graph = TaskGraph(order: .tables, nodes: [
            Node(writes: ["site"]), Node(reads: ["site"], writes: ["claimant"]), Node(reads: ["site"], writes: ["team"]),
            Node(reads: ["claimant"], writes: ["sanction"]), Node(reads: ["team", "claimant"], writes: ["appointment"]),
            Node(reads: ["sanction"], writes: ["summary"]), Node(reads: ["appointment", "summary"], writes: ["counts"]),
        ])
        let seconds = [1.0, 4, 0.5, 2, 3, 3, 0.5]
        let simulated = Simulation.run(queue(graph, priority: graph.remaining(seconds)), seconds: seconds, parallelism: 8)
        #expect(simulated.makespan == graph.criticalPath(seconds).seconds)
        for (j, edges) in graph.after.enumerated() {
            let ready = edges.map { simulated.ends[$0.task]! }.max() ?? 0
            #expect(simulated.starts[j] == ready)
        }
        // The same tasks in the waves a human would number (by depth): each wave waits for its slowest task.
        let waves = [[0], [1, 2], [3, 4], [5], [6]]
        let waveTime = waves.map { $0.map { seconds[$0] }.max()! }.reduce(0, +)
        #expect(simulated.makespan < waveTime)
    }

    @Test func theSimulationNeverExceedsParallelism() {
        let graph = TaskGraph(order: .tables, nodes: (0..<20).map { Node(writes: ["t\($0)"]) })
        let seconds = (0..<20).map { Double($0 % 3 + 1) }
        let simulated = Simulation.run(queue(graph, priority: graph.remaining(seconds)), seconds: seconds, parallelism: 3)
        #expect(simulated.peak == 3)
        #expect(simulated.starts.count == 20)
    }

    static func step(order: TaskOrder, waves: [[String]], carried: Set<String>) -> PlanStep {
        let planWaves = waves.enumerated().map { index, keys in
            PlanWave(index: index + 1, name: "\(index + 1)", tasks: keys.map { key in
                var task = PlanTask(key: "s/\(key)", work: .hqlStatement("select 1"), engine: .hive, hivevars: [], hiveconf: [], location: Plans.here)
                task.tables = TaskTables(writes: ["t_\(key)"])
                return task
            })
        }
        return PlanStep(
            index: 1, name: "s", disposition: .run, onFailure: .stop, always: false, parallelism: 4,
            retry: RetryPolicy(attempts: 1, delaySeconds: 0), timeoutSeconds: nil, resume: .task, order: order,
            waves: planWaves, location: Plans.here)
    }
}

/// A discrete-event run of a queue: tasks take `seconds`, at most `parallelism` at once; time only moves to the
/// next end.
enum Simulation {
    struct Result {
        var starts: [Int: Double] = [:]
        var ends: [Int: Double] = [:]
        var makespan = 0.0
        var peak = 0
    }

    static func run(_ queue: LaunchQueue, seconds: [Double], parallelism: Int) -> Result {
        var queue = queue
        var result = Result()
        var now = 0.0
        var running: [(end: Double, task: Int)] = []
        while true {
            while running.count < parallelism, let i = queue.next() {
                result.starts[i] = now
                running.append((now + seconds[i], i))
            }
            result.peak = max(result.peak, running.count)
            guard let soonest = running.indices.min(by: { (running[$0].end, running[$0].task) < (running[$1].end, running[$1].task) })
            else { break }
            let (end, task) = running.remove(at: soonest)
            now = end
            result.ends[task] = end
            queue.finished(task, succeeded: true)
        }
        result.makespan = now
        return result
    }
}
