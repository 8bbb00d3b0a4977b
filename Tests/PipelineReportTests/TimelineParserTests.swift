import Foundation
import Testing
@testable import PipelineReport

@Suite struct TimelineParserTests {
    @Test func aWholeTimelineIsOneSectionWithEveryLine() {
        let text = sampleTimeline()
        let parsed = TimelineParser.parse(text)
        #expect(parsed.sections.count == 1)
        #expect(parsed.sections[0].entries.count == text.split(separator: "\n").count)
        #expect(parsed.sections[0].start.correlationID == "c-1")
        #expect(!parsed.truncatedLastLine)
        #expect(parsed.skippedLines == 0)
    }

    @Test func aLineCutOffByAKillIsSkippedAndReported() {
        let whole = sampleTimeline(finished: false)
        let cut = line(9, .taskFinished, step: "model", stepIndex: 2, wave: 1, task: "e", status: "failed")
        let parsed = TimelineParser.parse(whole + cut.prefix(cut.count / 2))
        #expect(parsed.truncatedLastLine)
        #expect(parsed.skippedLines == 0)
        #expect(parsed.sections[0].entries.count == whole.split(separator: "\n").count)
        #expect(parsed.sections[0].entries.last?.event == .taskFinished)
        #expect(parsed.sections[0].entries.last?.task == "d")
    }

    @Test func aCompleteLastLineWithoutNewlineStillCounts() {
        let text = sampleTimeline()
        let parsed = TimelineParser.parse(String(text.dropLast()))
        #expect(!parsed.truncatedLastLine)
        #expect(parsed.sections[0].entries.last?.event == .runFinished)
    }

    @Test func eachRunStartedOpensASection() {
        let second = line(20, .runStarted, run: 2) + taskLines("c", 21, 22, step: "load", 1, wave: 2, run: 2)
            + line(23, .runFinished, run: 2, status: "COMPLETED")
        let parsed = TimelineParser.parse(sampleTimeline() + second)
        #expect(parsed.sections.map(\.start.runID) == [1, 2])
        #expect(parsed.sections[1].entries.map(\.event) == [.runStarted, .taskStarted, .taskFinished, .runFinished])
    }

    @Test func damagedLinesAndLinesOfAnotherRunAreSkippedNotFatal() {
        let text = sampleTimeline(finished: false) + "{not json\n" + line(8, .notice, run: 7, reason: "stray") + line(9, .notice, reason: "kept")
        let parsed = TimelineParser.parse(text)
        #expect(parsed.skippedLines == 2)
        #expect(!parsed.truncatedLastLine)
        #expect(parsed.sections[0].entries.last?.reason == "kept")
    }

    @Test func linesRoundTripWithMillisecondTimes() throws {
        var entry = TimelineEntry(time: t0.addingTimeInterval(1.234), event: .taskRetrying, runID: 3)
        entry.task = "model/a \"quoted\"\nnext"
        entry.delaySeconds = 0.5
        let text = entry.jsonLine()
        #expect(!text.contains("\n"))
        var back = try #require(TimelineEntry.parse(text[...]))
        #expect(abs(back.time.timeIntervalSince(entry.time)) < 0.001)
        back.time = entry.time
        #expect(back == entry)
    }
}
