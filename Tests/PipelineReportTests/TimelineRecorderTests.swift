import Foundation
import PipelineDSL
import PipelinePlan
@testable import PipelineRun
import PipelineState
import Synchronization
import Testing
@testable import PipelineReport

/// Keeps what reaches the reporter behind the recorder.
final class Inner: RunReporter {
    let events = Mutex<[String]>([])
    func report(_ event: RunEvent) {
        let name: String
        switch event {
        case .notice(let text): name = "notice: \(text)"
        default: name = String(describing: event).prefix { $0 != "(" }.description
        }
        events.withLock { $0.append(name) }
    }
}

@Suite struct TimelineRecorderTests {
    static let here = SourceLocation(file: "t.pipe", line: 1, column: 1)
    static let secret = "hunter2-secret"

    let a = PlanTask(key: "load/a.sql", work: .hqlFile(path: "/sql/a.sql", relative: "a.sql"), engine: .hive, hivevars: [], hiveconf: [], location: here)
    let b = PlanTask(key: "load/b \(secret)", work: .hqlStatement("select 1"), engine: .hive, hivevars: [], hiveconf: [], location: here)
    var step: PlanStep {
        PlanStep(index: 1, name: "load", disposition: .run, onFailure: .stop, always: false, parallelism: 2,
                 retry: RetryPolicy(attempts: 2, delaySeconds: 0), timeoutSeconds: nil, resume: .step,
                 waves: [PlanWave(index: 1, name: "first", tasks: [a]), PlanWave(index: 2, name: "second", tasks: [b])],
                 location: Self.here)
    }
    var plan: Plan {
        Plan(pipeline: "p", product: "PDM", file: "t.pipe", profile: nil, sqlRoot: "/sql",
             run: RunParameters(correlationID: "c-9", s3Prefix: "x", snapshotType: "full", exportDate: "2026-11-21"),
             variables: [ResolvedVariable(name: "pw", value: Self.secret, source: .commandLine, isSecret: true)],
             engines: EngineSettings(hiveCommand: ["hive"]), metastore: nil, steps: [step])
    }

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("timeline-\(UUID().uuidString)/c-9-run4")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func events(_ logs: URL) -> [RunEvent] {
        let log = LogFolder(root: logs).file(for: b, in: step, ordinal: 1)
        return [
            .runStarted(plan: plan, runID: 4, resume: nil, logFolder: logs),
            .stepStarted(step, tasks: 2, skippedTasks: 0),
            .waveStarted(step, step.waves[1], tasks: 1),
            .taskStarted(step, b, attempt: 1),
            .taskRetrying(step, b, attempt: 1, reason: "exit code 1, said \(Self.secret)", delaySeconds: 0),
            .taskStarted(step, b, attempt: 2),
            .taskFinished(step, b, TaskResult(key: b.key, status: .succeeded, attempts: 2, logFile: log, seconds: 0.2)),
        ]
    }

    @Test func everyEventIsALineAsItHappensThenPassedOn() throws {
        let logs = try folder()
        defer { try? FileManager.default.removeItem(at: logs.deletingLastPathComponent()) }
        let inner = Inner()
        let clock = Mutex(0.0)
        let recorder = TimelineRecorder(wrapping: inner, mask: SecretMask(plan: plan), now: {
            clock.withLock { $0 += 1; return t0.addingTimeInterval($0) }
        })
        let file = logs.appendingPathComponent("timeline.jsonl")
        for (n, event) in events(logs).enumerated() {
            recorder.report(event)
            // Written before the next event: a kill now leaves every line so far.
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.split(separator: "\n").count == n + 1)
            #expect(text.hasSuffix("\n"))
        }
        #expect(inner.events.withLock { $0 }.count == 7)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(!text.contains(Self.secret))
        let entries = try #require(TimelineParser.parse(text).sections.first).entries
        #expect(entries.map(\.runID) == Array(repeating: 4, count: 7))
        #expect(entries[0].correlationID == "c-9" && entries[0].logFolder == logs.path)
        #expect(entries[3].task == "load/b ****" && entries[3].wave == "second" && entries[3].waveIndex == 2)
        #expect(entries[3].log == logs.path + "/01-load/002-statement.log")
        #expect(entries[4].reason == "exit code 1, said ****")
        #expect(entries[6].status == "succeeded" && entries[6].attempts == 2)
        #expect(entries.map(\.time) == (1...7).map { t0.addingTimeInterval(Double($0)) })
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int)
        #expect(mode & 0o007 == 0)
        #expect(mode & 0o640 == mode)
    }

    @Test func aSecondRunInTheSameFolderAppendsASection() throws {
        let logs = try folder()
        defer { try? FileManager.default.removeItem(at: logs.deletingLastPathComponent()) }
        for _ in 0..<2 {
            let recorder = TimelineRecorder(wrapping: Inner(), mask: SecretMask(), now: { t0 })
            for event in events(logs).prefix(4) { recorder.report(event) }
        }
        let text = try String(contentsOf: logs.appendingPathComponent("timeline.jsonl"), encoding: .utf8)
        #expect(TimelineParser.parse(text).sections.map(\.entries.count) == [4, 4])
    }

    @Test func anUnwritableTimelineIsOneNoticeAndTheRunGoesOn() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID().uuidString)/c-9-run4")
        let inner = Inner()
        let recorder = TimelineRecorder(wrapping: inner, mask: SecretMask(plan: plan), now: { t0 })
        for event in events(missing) { recorder.report(event) }
        let seen = inner.events.withLock { $0 }
        #expect(seen.count == 8)
        #expect(seen.filter { $0.hasPrefix("notice: timeline: cannot write \(missing.path)/timeline.jsonl") }.count == 1)
    }
}
