import Foundation
import Testing
import TestSupport

/// `report` end to end: two runs of the stub pipeline (the first fails in `model`, the second resumes there and
/// retries a task that fails once), the page written from their timelines, then opened in headless Chromium.
@Suite struct ReportCommandTests {
    /// Keys of the tasks the two runs ran (stub.pipe).
    static let tasks = ["create/create.sql", "model/model/a.1.sql", "model/model/b.2.sql", "model/model/c.2.sql", "hang/statement", "flush/action:sleep"]

    func twoRuns(_ cli: CLI) async throws {
        let arguments = cli.runArguments(["--var", "hang_mode=fail 1"])
        let failed = try await cli.run(arguments, environment: ["STUB_FAIL": "b.2", "STUB_SLEEP": "0.2"])
        #expect(failed.status == 1, "\(failed.stderr)")
        let resumed = try await cli.run(arguments, environment: ["STUB_SLEEP": "0.2"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
    }

    @Test func writesThePageFromBothRunsTimelines() async throws {
        let cli = try CLI()
        try await twoRuns(cli)
        let logs = cli.folder.appendingPathComponent("logs")
        let result = try await cli.run(["report", "--correlation-id", "c1", "--log-dir", logs.path])
        #expect(result.status == 0, "\(result.stderr)")
        let page = logs.appendingPathComponent("c1-run2/report.html")
        #expect(result.stdout == page.path + "\n")
        let html = try String(contentsOf: page, encoding: .utf8)
        for key in Self.tasks { #expect(html.contains("data-task=\"\(key)\""), "\(key)") }
        #expect(html.contains("<dt>Run_Id</dt><dd>2, 1</dd>"))
        #expect(html.contains("↻1"))
        #expect(html.contains("class=\"mark fail\""))
        #expect(html.contains("href=\"../c1-run1/02-model/002-model_b.2.sql.log\""))
        #expect(!html.contains("http://") && !html.contains("https://"))
        let timeline = try String(contentsOf: logs.appendingPathComponent("c1-run1/timeline.jsonl"), encoding: .utf8)
        #expect(timeline.contains("\"event\":\"task_retrying\""))
        let mode = try FileManager.default.attributesOfItem(atPath: logs.appendingPathComponent("c1-run2/timeline.jsonl").path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
    }

    @Test func anUnknownCorrelationIdIsOneErrorLineAndExit2() async throws {
        let cli = try CLI()
        try await twoRuns(cli)
        let logs = cli.folder.appendingPathComponent("logs").path
        let result = try await cli.run(["report", "--correlation-id", "c2", "--log-dir", logs])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("error: no run timeline for correlation id 'c2'"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        let none = try await cli.run(["report", "--correlation-id", "c1", "--log-dir", cli.folder.appendingPathComponent("nowhere").path])
        #expect(none.status == 2)
    }

    @Test func theOutputFlagNamesThePage() async throws {
        let cli = try CLI()
        try await twoRuns(cli)
        let reports = cli.folder.appendingPathComponent("reports/today")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        let out = reports.appendingPathComponent("r.html")
        let result = try await cli.run(["report", "--correlation-id", "c1", "--log-dir", "logs", "--output", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == out.path + "\n")
        // Outside the log base the links are file:// URLs of the logs; next to it, relative ones.
        #expect(try String(contentsOf: out, encoding: .utf8).contains("href=\"file://\(cli.folder.path)/logs/c1-run1/"))
        let beside = cli.folder.appendingPathComponent("r.html")
        #expect(try await cli.run(["report", "--correlation-id", "c1", "--log-dir", "logs", "--output", beside.path]).status == 0)
        #expect(try String(contentsOf: beside, encoding: .utf8).contains("href=\"logs/c1-run1/02-model/002-model_b.2.sql.log\""))
    }

    /// kill -9 of the runner mid-task: the timeline it leaves is a valid prefix, and the page shows the run
    /// unfinished with the task that was running.
    @Test func aKilledRunIsReportedUnfinished() async throws {
        let cli = try CLI()
        let (process, out, err) = try cli.start(cli.runArguments(["--var", "hang_mode=hang"]))
        let timeline = cli.folder.appendingPathComponent("logs/c1-run1/timeline.jsonl")
        // Its task_started line is written and the stub and its `sleep 1000` run (4 stubs ran before it: 6 pids).
        func hanging() -> Bool {
            let lines = ((try? String(contentsOf: timeline, encoding: .utf8)) ?? "").split(separator: "\n")
            let started = lines.contains { $0.contains("\"event\":\"task_started\"") && $0.contains("\"task\":\"hang/statement\"") }
            return started && ((try? cli.started()) ?? []).contains("hang/statement") && ((try? cli.recordedPIDs().count) ?? 0) >= 6
        }
        for _ in 0..<1200 where !hanging() { try await Task.sleep(for: .milliseconds(50)) }
        try #require(hanging())
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        _ = out.fileHandleForReading.readDataToEndOfFile()
        _ = err.fileHandleForReading.readDataToEndOfFile()
        // The watchdog stops the hanging stub (grace 1 s); wait for it so the scratch folder can go.
        let children = try cli.recordedPIDs()
        for _ in 0..<100 where !children.filter(Processes.isAlive).isEmpty { try await Task.sleep(for: .milliseconds(50)) }

        let text = try String(contentsOf: timeline, encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        #expect(!text.contains("run_finished"))
        let result = try await cli.run(["report", "--correlation-id", "c1", "--log-dir", "logs"])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: cli.folder.appendingPathComponent("logs/c1-run1/report.html"), encoding: .utf8)
        #expect(html.contains("<span class=\"status open\">UNFINISHED</span>"))
        #expect(html.contains("data-task=\"hang/statement\"><div class=\"label\" title=\"hang/statement\">◆ hang/statement <span class=\"mark open\">unfinished</span>"))
        #expect(html.contains("<b>03</b> hang <span class=\"status open\">running</span>"))
    }
}

/// The page in a real browser. Skipped (visibly) only where Chromium cannot be expected: not installed and not CI.
@Suite(.enabled(if: Chromium.path != nil || ProcessInfo.processInfo.environment["CI"] != nil,
                "chromium is not installed (Debian package chromium; scripts/setup installs it)"))
struct ReportInChromiumTests {
    @Test func rendersWithoutConsoleErrorsShowsEveryTaskAndWritesAScreenshot() async throws {
        let chromium = try #require(Chromium.path, "chromium not found in PATH")
        let cli = try CLI()
        try await ReportCommandTests().twoRuns(cli)
        let logs = cli.folder.appendingPathComponent("logs")
        let result = try await cli.run(["report", "--correlation-id", "c1", "--log-dir", logs.path])
        #expect(result.status == 0, "\(result.stderr)")
        let page = URL(fileURLWithPath: result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))

        let dom = try await Chromium.open(chromium, page, ["--dump-dom"], in: cli.folder)
        #expect(dom.status == 0, "\(dom.stderr)")
        for key in ReportCommandTests.tasks { #expect(dom.stdout.contains("data-task=\"\(key)\""), "\(key)") }
        #expect(Chromium.consoleLines(dom.stderr).isEmpty, "\(Chromium.consoleLines(dom.stderr))")

        // Kept where a person can look at it after the run.
        let shot = LiveServer.repositoryRoot.appendingPathComponent(".build/report-screenshot.png")
        try? FileManager.default.removeItem(at: shot)
        let taken = try await Chromium.open(chromium, page, ["--screenshot=\(shot.path)", "--window-size=1400,900"], in: cli.folder)
        #expect(taken.status == 0, "\(taken.stderr)")
        #expect(Chromium.consoleLines(taken.stderr).isEmpty, "\(Chromium.consoleLines(taken.stderr))")
        let png = try Data(contentsOf: shot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 20_000)
    }

    /// The control: the same check does catch a page whose script throws.
    @Test func theConsoleCheckCatchesAnUncaughtError() async throws {
        let chromium = try #require(Chromium.path, "chromium not found in PATH")
        let cli = try CLI()
        let bad = cli.folder.appendingPathComponent("bad.html")
        try "<html><body><script>undefinedFunction()</script></body></html>".write(to: bad, atomically: true, encoding: .utf8)
        let dom = try await Chromium.open(chromium, bad, ["--dump-dom"], in: cli.folder)
        #expect(Chromium.consoleLines(dom.stderr).contains { $0.contains("Uncaught ReferenceError") })
    }
}

enum Chromium {
    static var path: String? {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        return dirs.map { "\($0)/chromium" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Headless, its own profile in `folder`, console messages on stderr; bounded by `timeout`.
    static func open(_ chromium: String, _ page: URL, _ extra: [String], in folder: URL) async throws -> CommandResult {
        let profile = folder.appendingPathComponent("chromium-profile-\(UUID().uuidString)").path
        let arguments = ["120", chromium, "--headless", "--disable-gpu", "--no-sandbox", "--user-data-dir=\(profile)",
                         "--enable-logging=stderr", "--v=0"] + extra + [page.absoluteString]
        return try await Command.run("/usr/bin/timeout", arguments, directory: folder.path)
    }

    /// The page's console messages (Chromium logs them as `...:CONSOLE(n)] "..."`), uncaught errors among them.
    /// The page has no script, so any is a failure.
    static func consoleLines(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") || $0.contains("Uncaught") }
    }
}
