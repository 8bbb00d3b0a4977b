import Foundation

/// A timeline file read back: its run sections, in file order, and what could not be read.
public struct ParsedTimeline: Sendable, Hashable {
    /// One run: the entries from its `run_started` line to the next one (or the end of the file).
    public struct Section: Sendable, Hashable {
        public var entries: [TimelineEntry]
        public var start: TimelineEntry { entries[0] }
    }

    public var sections: [Section]
    /// The last line had no newline and did not parse: the runner was killed while writing it.
    public var truncatedLastLine: Bool
    /// Other lines that are not entries (or come before any `run_started`), skipped.
    public var skippedLines: Int
}

/// Reads `timeline.jsonl` text. Tolerant by design: it is read after crashes, so a cut-off last line or a
/// damaged line is skipped and counted, never an error.
public enum TimelineParser {
    public static func parse(_ text: String) -> ParsedTimeline {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // Text ending in "\n" splits into a final empty piece; otherwise that piece is a line being written.
        let unterminated = lines.last.map { !$0.isEmpty } ?? false
        if lines.last?.isEmpty == true { lines.removeLast() }
        var sections: [ParsedTimeline.Section] = []
        var truncated = false
        var skipped = 0
        for (number, line) in lines.enumerated() {
            if line.allSatisfy(\.isWhitespace) { continue }
            guard let entry = TimelineEntry.parse(line) else {
                if unterminated && number == lines.count - 1 { truncated = true } else { skipped += 1 }
                continue
            }
            if entry.event == .runStarted {
                sections.append(.init(entries: [entry]))
            } else if let last = sections.indices.last, sections[last].start.runID == entry.runID {
                sections[last].entries.append(entry)
            } else {
                skipped += 1
            }
        }
        return ParsedTimeline(sections: sections, truncatedLastLine: truncated, skippedLines: skipped)
    }
}
