import Foundation
import PipelineRun

/// `report`'s work: find the runs of a correlation id under the log bases, read their timelines, write the page.
public enum RunReport {
    public static let pageName = "report.html"

    /// One run's log folder with its timeline.
    public struct Found: Sendable, Hashable {
        public var folder: URL
        public var runID: Int
        public var timeline: URL { folder.appendingPathComponent(TimelineRecorder.fileName) }
    }

    /// The log folders of `correlationID` that hold a timeline, oldest Run_Id first. Folders are named as the
    /// runner names them (`LogFolder`: `<correlation id slug>-run<Run_Id>`).
    public static func folders(correlationID: String, bases: [URL]) -> [Found] {
        // LogFolder's own name for Run_Id 0, minus the "0": the prefix of every run's folder.
        let prefix = String(LogFolder(base: URL(fileURLWithPath: "/"), correlationID: correlationID, runID: 0)
            .root.lastPathComponent.dropLast())
        var found: [Found] = []
        for base in bases {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
            for name in names where name.hasPrefix(prefix) {
                let digits = name.dropFirst(prefix.count)
                guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let runID = Int(digits) else { continue }
                let item = Found(folder: base.appendingPathComponent(name), runID: runID)
                if FileManager.default.isReadableFile(atPath: item.timeline.path) { found.append(item) }
            }
        }
        return found.sorted { ($0.runID, $0.folder.path) < ($1.runID, $1.folder.path) }
    }

    /// Reads every timeline of the correlation id and writes the page (default: `report.html` in the newest
    /// run's log folder). Returns the page's path.
    public static func write(correlationID: String, bases: [URL], output: URL?) throws(ReportError) -> URL {
        let found = folders(correlationID: correlationID, bases: bases)
        var runs: [RunTimeline] = []
        var warnings: [String] = []
        for item in found {
            let text: String
            do {
                text = String(decoding: try Data(contentsOf: item.timeline), as: UTF8.self)
            } catch {
                throw .cannotRead(path: item.timeline.path, reason: error.localizedDescription)
            }
            let parsed = TimelineParser.parse(text)
            if parsed.truncatedLastLine {
                warnings.append("\(item.timeline.path): the last line is cut off (the runner was killed while writing it); skipped")
            }
            if parsed.skippedLines > 0 {
                warnings.append("\(item.timeline.path): \(parsed.skippedLines) line(s) that are not timeline entries skipped")
            }
            // Two correlation ids can share a folder name (the slug maps `/` to `_`): keep only this one's runs.
            runs += parsed.sections.map(RunTimeline.init(section:)).filter { $0.correlationID == correlationID }
        }
        guard let newest = found.last, !runs.isEmpty else {
            throw .noTimeline(correlationID: correlationID, searched: bases.map(\.path))
        }
        let page = (output ?? newest.folder.appendingPathComponent(pageName)).absoluteURL
        let html = ReportPage(runs: runs, pageFolder: page.deletingLastPathComponent().path, warnings: warnings).render()
        try writeAtomically(html, to: page)
        return page
    }

    /// Temp file in the same folder, mode 0640 (like the logs it links to), then rename: a reader sees the old page
    /// or the new one.
    static func writeAtomically(_ text: String, to url: URL) throws(ReportError) {
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        unlink(temp.path)
        do {
            let file = try AppendOnlyFile(path: temp.path)
            try file.append(text)
        } catch {
            unlink(temp.path)
            throw error
        }
        guard rename(temp.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp.path)
            throw .cannotWrite(path: url.path, reason: reason)
        }
    }
}
