import Foundation
import Testing
@testable import PipelineReport

@Suite struct ReportPageTests {
    func page(_ text: String, folder: String? = "/var/log/pdm/c-1-run1") -> String {
        let runs = TimelineParser.parse(text).sections.map(RunTimeline.init(section:))
        return ReportPage(runs: runs, pageFolder: folder).render()
    }

    @Test func everyTaskIsOnThePageWithItsLogLink() {
        let html = page(sampleTimeline())
        for key in ["a", "b", "c", "d", "e"] { #expect(html.contains("data-task=\"\(key)\"")) }
        #expect(html.contains("href=\"c.log\""))
        #expect(html.contains("<b>Critical path</b> (3 tasks"))
        #expect(html.contains("↻1"))
        #expect(html.contains("class=\"mark fail\""))
        #expect(html.contains("<dd>c-1</dd>") && html.contains("<dd>PDM</dd>"))
    }

    @Test func nothingOnThePageComesFromTheNetwork() {
        let html = page(sampleTimeline())
        #expect(!html.contains("http://"))
        #expect(!html.contains("https://"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("@import"))
        #expect(!html.contains("url("))
    }

    @Test func everyStringIsEscaped() {
        let evil = "<script>alert('x')</script>\"&"
        let text = line(0, .runStarted, correlationID: evil)
            + line(0, .stepStarted, step: evil, stepIndex: 1)
            + line(0, .taskStarted, step: evil, stepIndex: 1, wave: 1, task: evil, attempt: 1, log: "/tmp/\(evil).log")
            + line(1, .taskFinished, step: evil, stepIndex: 1, wave: 1, task: evil, status: "failed", reason: evil)
            + line(2, .runFinished, status: "FAILED", reason: evil)
        let html = page(text)
        #expect(!html.contains("<script"))
        #expect(!html.contains("alert('x')"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;"))
        // The link is percent-encoded, then escaped: no quote can end the attribute.
        #expect(html.contains("href=\"file:///tmp/%3Cscript%3Ealert%28%27x%27%29%3C/script%3E%22%26.log\""))
    }

    @Test func linksAreRelativeWithinTheLogBaseAndFileURLsOutsideIt() {
        #expect(HTML.link(to: "/logs/c-run1/01-a/001-x.log", from: "/logs/c-run2") == "../c-run1/01-a/001-x.log")
        #expect(HTML.link(to: "/logs/c-run2/01-a/001-x.log", from: "/logs/c-run2") == "01-a/001-x.log")
        #expect(HTML.link(to: "/logs/c-run1/a b.log", from: "/home/me/reports") == "file:///logs/c-run1/a%20b.log")
    }

    @Test func runsAreNewestFirstAndTheHeaderNamesThemAll() {
        let second = line(20, .runStarted, run: 2) + line(21, .runFinished, run: 2, status: "COMPLETED")
        let html = page(sampleTimeline() + second)
        #expect(html.contains("<dt>Run_Id</dt><dd>2, 1</dd>"))
        let run2 = html.range(of: "id=\"run-2\"")!.lowerBound
        let run1 = html.range(of: "id=\"run-1\"")!.lowerBound
        #expect(run2 < run1)
        #expect(html.contains("<dt>Status</dt><dd><span class=\"status ok\">COMPLETED</span></dd>"))
    }

    @Test func axisTicksAreReadable() {
        #expect(TimeAxis(duration: 9.5).tick == 1)
        #expect(TimeAxis(duration: 9.5).length == 10)
        #expect(TimeAxis(duration: 3700).tick == 600)
        #expect(TimeAxis.label(90) == "1m30s")
        #expect(TimeAxis.label(0.5) == "0.5s")
    }
}
