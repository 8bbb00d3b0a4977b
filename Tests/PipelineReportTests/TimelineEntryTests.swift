import Foundation
import Testing

@testable import PipelineReport

/// The hand-written line (`JSONLine`) against what `JSONEncoder` made before it: the same entry back, every field.
@Suite struct TimelineEntryTests {
    /// What the timeline wrote with `JSONEncoder` (sorted keys, `/` unescaped, the timestamp as text).
    static func encoderLine(_ entry: TimelineEntry) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(TimelineEntry.timestamp(date))
        }
        return String(decoding: try encoder.encode(entry), as: UTF8.self)
    }

    static func full(_ text: String) -> TimelineEntry {
        var entry = TimelineEntry(time: Date(timeIntervalSince1970: 1_796_668_613.561), event: .taskFinished, runID: 2_147_483_647)
        (entry.correlationID, entry.product, entry.pipeline, entry.resume, entry.logFolder) = (text, "PDM", "p/q", "step 2", "/var/log/pdm")
        (entry.step, entry.wave, entry.task, entry.status, entry.reason, entry.log) = ("s", "1", text, "failed", text, "/l/x.log")
        (entry.stepIndex, entry.waveIndex, entry.attempt, entry.attempts, entry.tasks) = (1, 2, 3, 4, 1_000)
        (entry.skippedTasks, entry.exitCode, entry.seconds, entry.delaySeconds) = (0, -1, 0.05, 12)
        return entry
    }

    static let texts = [
        "plain", "quote \" and backslash \\ and slash /", "new\nline\r\ttab", "escape \u{1B}[31m bell \u{07} nul \u{0}",
        "ünïcödé ✓ 𝄞", "",
    ]

    @Test(arguments: texts) func theLineDecodesToTheSameEntryAsTheEncodersLine(_ text: String) throws {
        let entry = Self.full(text)
        let line = entry.jsonLine()
        #expect(!line.contains("\n"))
        let ours = try #require(TimelineEntry.parse(line[...]), "\(line)")
        let theirs = try #require(TimelineEntry.parse(try Self.encoderLine(entry)[...]))
        #expect(ours == theirs)
        // The timestamp keeps milliseconds: the rest comes back exactly.
        var back = ours
        #expect(abs(back.time.timeIntervalSince(entry.time)) < 0.001)
        back.time = entry.time
        #expect(back == entry)
    }

    @Test func aTypicalLineIsByteForByteTheEncodersLine() throws {
        var entry = TimelineEntry(time: Date(timeIntervalSince1970: 1_796_668_613.5), event: .taskStarted, runID: 1)
        (entry.step, entry.stepIndex, entry.task, entry.attempt, entry.log) = ("bench", 1, "bench/w01/t10.sql", 1, "/tmp/a/b.log")
        #expect(entry.jsonLine() == (try Self.encoderLine(entry)))
        entry.seconds = 2.25
        entry.delaySeconds = 3
        #expect(entry.jsonLine() == (try Self.encoderLine(entry)))
    }

    @Test func aDurationJSONCannotHoldDropsTheLine() {
        var entry = Self.full("x")
        entry.seconds = .nan
        #expect(entry.jsonLine() == "")
        entry.seconds = nil
        entry.delaySeconds = -.infinity
        #expect(entry.jsonLine() == "")
    }
}
