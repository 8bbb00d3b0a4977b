import Foundation

extension RunTimeline {
    /// The run of one timeline section. Lines of a killed run leave tasks and steps open: they end where the
    /// timeline ends, marked unfinished/running.
    public init(section: ParsedTimeline.Section) {
        let head = section.start
        let started = head.time
        let last = section.entries.map { $0.time.timeIntervalSince(started) }.max() ?? 0
        self.init(
            runID: head.runID, correlationID: head.correlationID ?? "", product: head.product ?? "",
            pipeline: head.pipeline ?? "", resume: head.resume, logFolder: head.logFolder ?? "", started: started,
            duration: last, finished: false, status: "UNFINISHED", exitCode: nil, failure: nil, steps: [], notices: [])
        var builder = Builder()
        for entry in section.entries.dropFirst() {
            let at = entry.time.timeIntervalSince(started)
            switch entry.event {
            case .runStarted:
                break
            case .notice:
                notices.append(entry.reason ?? "")
            case .runFinished:
                finished = true
                status = entry.status ?? status
                exitCode = entry.exitCode
                failure = entry.reason
                duration = at
            default:
                builder.apply(entry, at: at)
            }
        }
        steps = builder.finish(end: duration)
    }
}

/// Folds the step, wave and task lines of one run into bars.
private struct Builder {
    var steps: [StepBar] = []

    mutating func apply(_ entry: TimelineEntry, at: Double) {
        let index = entry.stepIndex ?? -1
        let name = entry.step ?? ""
        switch entry.event {
        case .stepSkipped:
            steps.append(StepBar(index: index, name: name, status: "skipped", reason: entry.reason, skippedTasks: 0, waves: []))
        case .stepStarted:
            steps.append(StepBar(index: index, name: name, status: "running", start: at, skippedTasks: entry.skippedTasks ?? 0, waves: []))
        case .stepFinished:
            let s = step(index, name, at: at)
            steps[s].end = at
            if entry.status != "skipped" || steps[s].start == nil { steps[s].status = entry.status ?? "completed" }
            steps[s].reason = entry.reason ?? steps[s].reason
        case .waveStarted:
            _ = wave(entry, in: step(index, name, at: at), at: at)
        case .taskStarted, .taskRetrying, .taskFinished:
            let s = step(index, name, at: at)
            let w = wave(entry, in: s, at: at)
            Self.updateTask(entry, &steps[s].waves[w], at: at)
        default:
            break
        }
    }

    private static func updateTask(_ entry: TimelineEntry, _ wave: inout WaveBar, at: Double) {
        let key = entry.task ?? ""
        let t: Int
        if let found = wave.tasks.firstIndex(where: { $0.key == key }) {
            t = found
        } else {
            wave.tasks.append(TaskBar(key: key, start: at, end: at, outcome: .unfinished, attempts: [], log: entry.log, critical: false))
            t = wave.tasks.count - 1
        }
        var task = wave.tasks[t]
        defer { wave.tasks[t] = task }
        task.log = entry.log ?? task.log
        switch entry.event {
        case .taskStarted:
            task.attempts.append(.init(number: entry.attempt ?? task.attempts.count + 1, start: at, end: .nan))
        case .taskRetrying:
            closeAttempt(&task, at: at, failure: entry.reason ?? "failed")
        case .taskFinished:
            let outcome = TaskBar.Outcome(rawValue: entry.status ?? "") ?? .succeeded
            closeAttempt(&task, at: at, failure: outcome == .failed ? entry.reason ?? "failed" : nil)
            task.outcome = outcome
            task.reason = entry.reason
            task.end = at
        default:
            break
        }
    }

    private static func closeAttempt(_ task: inout TaskBar, at: Double, failure: String?) {
        guard let open = task.attempts.lastIndex(where: { $0.end.isNaN }) else { return }
        task.attempts[open].end = at
        task.attempts[open].failure = failure
    }

    /// The step a line belongs to: the last one with its index (a step line always comes after its start).
    private mutating func step(_ index: Int, _ name: String, at: Double) -> Int {
        if let found = steps.lastIndex(where: { $0.index == index && $0.name == name }) { return found }
        steps.append(StepBar(index: index, name: name, status: "running", start: at, skippedTasks: 0, waves: []))
        return steps.count - 1
    }

    private mutating func wave(_ entry: TimelineEntry, in s: Int, at: Double) -> Int {
        let index = entry.waveIndex ?? -1
        if let found = steps[s].waves.firstIndex(where: { $0.index == index }) { return found }
        steps[s].waves.append(WaveBar(index: index, name: entry.wave ?? "\(index + 1)", start: at, end: at, tasks: []))
        return steps[s].waves.count - 1
    }

    /// Closes what the run left open at `end`, sets wave ends, and marks the critical path.
    mutating func finish(end: Double) -> [StepBar] {
        for s in steps.indices {
            if steps[s].start != nil, steps[s].end == nil { steps[s].end = end }
            for w in steps[s].waves.indices {
                var wave = steps[s].waves[w]
                for t in wave.tasks.indices where wave.tasks[t].outcome == .unfinished {
                    wave.tasks[t].end = end
                    for a in wave.tasks[t].attempts.indices where wave.tasks[t].attempts[a].end.isNaN {
                        wave.tasks[t].attempts[a].end = end
                    }
                }
                wave.end = max(wave.start, wave.tasks.map(\.end).max() ?? wave.start)
                steps[s].waves[w] = wave
            }
            Self.markCriticalChain(&steps[s])
        }
        return steps
    }

    /// How long a scheduler takes from one task's end to the launch it allows: a task that ends this soon after
    /// another starts may still be the one it waited for.
    static let launchLatency = 0.05

    /// The step's critical path, as it ran: from the task that ended last, back through the task each waited
    /// for, which is the one that ended last by the time it started (a wave's barrier, the writer of a table it
    /// reads, or the task whose slot it took). Waves and table order alike; a step's first tasks wait for none.
    /// Ties go to the task that started first (the longer one), then to the one listed first.
    static func markCriticalChain(_ step: inout StepBar) {
        let places = step.waves.indices.flatMap { w in step.waves[w].tasks.indices.map { (w, $0) } }
        func task(_ place: (Int, Int)) -> TaskBar { step.waves[place.0].tasks[place.1] }
        func later(_ a: (Int, Int), _ b: (Int, Int)) -> Bool {
            (task(a).end, -task(a).start) < (task(b).end, -task(b).start)
        }
        guard var current = places.max(by: later) else { return }
        var marked = 0
        while marked < places.count {
            step.waves[current.0].tasks[current.1].critical = true
            marked += 1
            let start = task(current).start
            let waitedFor = places.filter { !task($0).critical && task($0).end <= start + launchLatency && task($0).start < start }
            guard let previous = waitedFor.max(by: later) else { return }
            current = previous
        }
    }
}
