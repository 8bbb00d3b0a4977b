import Foundation
import Testing
import TestSupport

@testable import PipelineRun

/// What a task's process gets and how it ends, for both ways of starting it: `posix_spawn` from the launching
/// thread (where the C library can close inherited descriptors) and swift-subprocess (everywhere else).
@Suite struct LauncherTests {
    static let spawners: [SubprocessLauncher.Spawner] = DirectSpawn.isAvailable ? [.direct, .library] : [.library]

    let sandbox: Sandbox
    init() throws { sandbox = try Sandbox() }

    func launch(
        _ spawner: SubprocessLauncher.Spawner, _ argv: [String], environment: [String: String] = ["PATH": "/usr/bin:/bin"],
        workingDirectory: String? = nil, timeout: Duration? = nil, grace: Duration = .seconds(1)
    ) async -> (LaunchOutcome, log: String) {
        let log = sandbox.root.appendingPathComponent("task-\(UUID().uuidString).log")
        let outcome = await SubprocessLauncher(spawner: spawner).launch(LaunchRequest(
            argv: argv, environment: environment, workingDirectory: workingDirectory, logFile: log, timeout: timeout,
            gracePeriod: grace))
        return (outcome, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    func shell(_ spawner: SubprocessLauncher.Spawner, _ script: String) async -> (LaunchOutcome, log: String) {
        await launch(spawner, ["/bin/sh", "-c", script])
    }

    @Test(arguments: spawners) func stdoutAndStderrGoToTheLogAndTheExitCodeIsReported(_ spawner: SubprocessLauncher.Spawner) async {
        let (outcome, log) = await shell(spawner, "echo to-out; echo to-err >&2; exit 3")
        #expect(outcome == .exited(3))
        #expect(log == "to-out\nto-err\n")
    }

    @Test(arguments: spawners) func aSignalThatEndsTheChildIsReported(_ spawner: SubprocessLauncher.Spawner) async {
        #expect(await shell(spawner, "kill -TERM $$").0 == .signaled(SIGTERM))
    }

    @Test(arguments: spawners) func theEnvironmentIsExactlyTheOneGiven(_ spawner: SubprocessLauncher.Spawner) async {
        let (outcome, log) = await launch(spawner, ["/usr/bin/env"], environment: ["PATH": "/usr/bin:/bin", "ONLY": "this"])
        #expect(outcome == .exited(0))
        #expect(Set(log.split(separator: "\n")) == ["PATH=/usr/bin:/bin", "ONLY=this"])
    }

    @Test(arguments: spawners) func theWorkingDirectoryIsTheOneGiven(_ spawner: SubprocessLauncher.Spawner) async {
        let (outcome, log) = await launch(spawner, ["/bin/pwd"], workingDirectory: sandbox.root.path)
        #expect(outcome == .exited(0))
        #expect(log == sandbox.root.resolvingSymlinksInPath().path + "\n" || log == sandbox.root.path + "\n")
    }

    /// Its own group (so a stop reaches all it started), stdin at EOF, no signal blocked or ignored, and nothing
    /// of the runner's open files: here a descriptor opened without close-on-exec.
    @Test(arguments: spawners) func theChildLeadsItsGroupAndInheritsNothing(_ spawner: SubprocessLauncher.Spawner) async throws {
        let leaked = open(sandbox.root.path, O_RDONLY)
        try #require(leaked > 2)
        defer { close(leaked) }
        let (outcome, log) = await shell(spawner, """
            echo "pid $$ group $(cut -d' ' -f5 /proc/$$/stat)"
            echo "stdin $(readlink /proc/$$/fd/0)"; read line; echo "read $?"
            for fd in /proc/$$/fd/*; do echo "fd ${fd##*/} $(readlink "$fd")"; done
            """)
        #expect(outcome == .exited(0))
        let lines = log.split(separator: "\n").map(String.init)
        let ids = lines.first?.split(separator: " ") ?? []
        #expect(ids.count == 4 && ids[1] == ids[3], "\(log)")
        #expect(lines.contains("stdin /dev/null"))
        #expect(lines.contains("read 1"))
        // Read by the child itself, not by a shell (which blocks signals while it waits for its own children).
        let (_, status) = await launch(spawner, ["/bin/grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status"])
        // Signals 1-31 (above them, glibc's own: 32 and 33 show as ignored in every process).
        func classic(_ field: String) -> UInt64? {
            status.split(separator: "\n").first { $0.hasPrefix(field) }.flatMap { UInt64($0.dropFirst(field.count).trimmingCharacters(in: .whitespaces), radix: 16) }.map { $0 & 0x7fff_ffff }
        }
        #expect(classic("SigBlk:") == 0)
        #expect(classic("SigIgn:") == 0)
        // stdin, the output pipe twice, and the loop's `$(readlink)` pipe: nothing of the runner's.
        let fds = lines.filter { $0.hasPrefix("fd ") }
        #expect(fds.count >= 3 && fds.count <= 4, "\(log)")
        #expect(!fds.contains { $0.hasSuffix(" " + sandbox.root.path) || $0.hasPrefix("fd \(leaked) ") }, "\(log)")
    }

    @Test(arguments: spawners) func aProgramThatCannotBeExecutedDoesNotStart(_ spawner: SubprocessLauncher.Spawner) async throws {
        let script = sandbox.root.appendingPathComponent("broken")
        try Data("#!/nonexistent/interpreter\n".utf8).write(to: script)
        chmod(script.path, 0o755)
        let (outcome, _) = await launch(spawner, [script.path])
        guard case .notStarted = outcome else {
            Issue.record("started: \(outcome)")
            return
        }
    }

    /// Both processes of a task that records "<sh pid> <background pid>" in `file`.
    func recordedPIDs(_ file: URL) async throws -> [pid_t] {
        for _ in 0..<500 {
            let pids = ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(whereSeparator: \.isWhitespace).compactMap { pid_t($0) }
            if pids.count == 2 { return pids }
            try await Task.sleep(for: .milliseconds(20))
        }
        return []
    }

    /// SIGTERM to the group at the timeout; a group that ignores it gets SIGKILL after the grace period.
    @Test(arguments: spawners) func aTimeoutStopsTheGroupEvenWhenItIgnoresSIGTERM(_ spawner: SubprocessLauncher.Spawner) async throws {
        let file = sandbox.root.appendingPathComponent("pids")
        let started = ContinuousClock.now
        let (outcome, _) = await launch(
            spawner, ["/bin/sh", "-c", "trap '' TERM; sleep 30 & echo \"$$ $!\" > \(file.path); wait"],
            timeout: .milliseconds(300), grace: .milliseconds(300))
        #expect(outcome == .timedOut(seconds: 0.3))
        #expect(ContinuousClock.now - started < .seconds(15))
        let pids = try await recordedPIDs(file)
        #expect(pids.count == 2)
        #expect(await Processes.survivors(of: pids) == [])
    }

    /// A stop of the run cancels the launch: the group gets SIGTERM and the launch returns once it is gone.
    @Test(arguments: spawners) func cancellingTheLaunchStopsTheGroup(_ spawner: SubprocessLauncher.Spawner) async throws {
        let file = sandbox.root.appendingPathComponent("pids")
        let launch = Task { await shell(spawner, "sleep 30 & echo \"$$ $!\" > \(file.path); wait") }
        let pids = try await recordedPIDs(file)
        try #require(pids.count == 2)
        launch.cancel()
        let (outcome, _) = await launch.value
        #expect(outcome == .signaled(SIGTERM))
        #expect(await Processes.survivors(of: pids) == [])
    }
}
