extension TaskGraph {
    /// For each task, its own time plus the longest chain of tasks that wait for it: the time the step still
    /// needs once the task starts, however many slots there are. The scheduler starts the largest first.
    public func remaining(_ seconds: [Double]) -> [Double] {
        var remaining = Array(repeating: 0.0, count: count)
        for i in topological.reversed() {
            remaining[i] = seconds[i] + (before[i].map { remaining[$0] }.max() ?? 0)
        }
        return remaining
    }

    /// The chain of tasks that bounds the step's time from below, and that time.
    public func criticalPath(_ seconds: [Double]) -> (tasks: [Int], seconds: Double) {
        let remaining = remaining(seconds)
        guard var i = remaining.indices.max(by: { (remaining[$0], $1) < (remaining[$1], $0) }) else { return ([], 0) }
        var path = [i]
        while let next = before[i].max(by: { (remaining[$0], $1) < (remaining[$1], $0) }) {
            path.append(next)
            i = next
        }
        return (path, remaining[path[0]])
    }
}

extension PlanStep {
    /// What each task is expected to take: its time in the last run recorded, else the mean of the times known
    /// in the step, else 1 (then the longest path counts tasks).
    public var expectedSeconds: [Double] {
        let tasks = self.tasks
        let known = tasks.compactMap(\.expectedSeconds)
        let fallback = known.isEmpty ? 1 : known.reduce(0, +) / Double(known.count)
        return tasks.map { $0.expectedSeconds ?? fallback }
    }
}
