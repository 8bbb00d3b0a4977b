import Foundation
import Synchronization
import Testing
import TestSupport

/// kill -9 of the runner (defect 4) and its secret scripts (defect 5), through the built binary.
@Suite struct KillAndOrphanTests {
    static let secrets = CLI.root.appendingPathComponent("Tests/Fixtures/run/secrets.pipe").path
    static let environment = ["CANARY_PW": "kill-test-secret-\(UUID().uuidString.prefix(8))"]

    static func privateFolders(_ cli: CLI) -> [URL] {
        let base = cli.folder.appendingPathComponent(".pdm-state/.pdm-run")
        let keys = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
        return keys.map { base.appendingPathComponent($0).appendingPathComponent("private") }
    }

    static func privateFiles(_ cli: CLI) -> [String] {
        privateFolders(cli).flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).map { folder.appendingPathComponent($0).path }
        }
    }

    /// The watchdog of the run whose run-state folder is under `cli.folder`.
    static func watchdog(_ cli: CLI) -> pid_t? {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { pid_t($0) }.first { pid in
            let argv = ProcessSampler.read("/proc/\(pid)/cmdline").split(separator: "\0")
            return argv.count > 3 && argv[1] == "_watchdog" && argv[3].hasPrefix(cli.folder.path)
        }
    }

    /// Starts `secrets.pipe` with its statement hanging; returns once the stub and its `sleep 1000` run.
    static func startHanging(_ cli: CLI) async throws -> (Process, Pipe, Pipe, [pid_t]) {
        let (process, out, err) = try cli.start(cli.runArguments(["--var", "mode=hang"], pipeline: secrets), environment: environment)
        for _ in 0..<3600 where try cli.recordedPIDs().count < 2 { try await Task.sleep(for: .milliseconds(50)) }
        let children = try cli.recordedPIDs()
        try #require(children.count == 2)
        return (process, out, err, children)
    }

    static func killNine(_ process: Process, _ out: Pipe, _ err: Pipe) async {
        kill(process.processIdentifier, SIGKILL)
        // The pipes close once the runner is gone (the watchdog holds neither).
        _ = await Command.finish(process, stdout: out, stderr: err)
    }

    @Test func killNineOfTheRunnerStopsItsTasksAndRemovesItsSecretScript() async throws {
        let cli = try CLI()
        let (process, out, err, children) = try await Self.startHanging(cli)
        #expect(Self.privateFiles(cli).count == 1)
        #expect(Self.watchdog(cli) != nil)
        await Self.killNine(process, out, err)
        #expect(process.terminationReason == .uncaughtSignal)
        // --grace-period 1: the watchdog sends SIGTERM at once, SIGKILL after 1 s; allow 1 s more.
        var alive = children.filter(Processes.isAlive)
        for _ in 0..<40 where !alive.isEmpty {
            try await Task.sleep(for: .milliseconds(50))
            alive = children.filter(Processes.isAlive)
        }
        #expect(alive == [], "stub processes still alive 2 s after kill -9 of the runner")
        for _ in 0..<40 where !Self.privateFiles(cli).isEmpty { try await Task.sleep(for: .milliseconds(50)) }
        #expect(Self.privateFiles(cli) == [])
        #expect(await Processes.survivors(of: [Self.watchdog(cli)].compactMap { $0 }) == [])
    }

    @Test func aRerunStopsAnOrphanWhoseWatchdogDiedTooBeforeItsFirstTask() async throws {
        let cli = try CLI()
        let (process, out, err, children) = try await Self.startHanging(cli)
        let watchdog = try #require(Self.watchdog(cli))
        kill(watchdog, SIGKILL)
        #expect(await Processes.survivors(of: [watchdog]) == [])
        await Self.killNine(process, out, err)
        try await Task.sleep(for: .milliseconds(300))
        // The premise: nothing stopped the orphans, and the secret script is still on disk.
        #expect(children.filter(Processes.isAlive) == children)
        #expect(Self.privateFiles(cli).count == 1)

        let rerun = try await cli.run(cli.runArguments(["--takeover"], pipeline: Self.secrets), environment: Self.environment)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(await Processes.survivors(of: children) == [])
        #expect(Self.privateFiles(cli) == [])
        // Ordered by the stub's own records: the orphan got SIGTERM before the rerun started any task.
        let lines = try String(contentsOf: cli.record, encoding: .utf8).split(separator: "\n").map { $0.split(separator: " ") }
        let orphan = String(children[0])
        let term = try #require(lines.first { $0.count == 4 && $0[1] == "term" && $0[3] == orphan }.flatMap { Double($0[0]) })
        let rerunStarts = lines.filter { $0.count == 4 && $0[1] == "start" && $0[3] != orphan }.compactMap { Double($0[0]) }
        #expect(rerunStarts.count == 2)  // the two stub tasks (the `sh` command does not record)
        #expect(rerunStarts.allSatisfy { $0 > term })
        let log = try String(contentsOf: try #require(Self.privateFolders(cli).first).deletingLastPathComponent().appendingPathComponent("watchdog.log"), encoding: .utf8)
        #expect(log.contains("run start: stopped 2 task process(es) of an earlier runner"))
    }

    @Test func secretScriptsArePrivateAtEveryObservedInstant() async throws {
        let cli = try CLI()
        final class Observations: Sendable {
            let modes = Mutex<[String: Set<UInt16>]>([:])
            let stop = Mutex(false)
        }
        let observations = Observations()
        let watcher = Thread {
            while !observations.stop.withLock({ $0 }) {
                for folder in Self.privateFolders(cli) {
                    var entries = [(folder.path, folder)]
                    entries += ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).map { (folder.appendingPathComponent($0).path, folder) }
                    entries.append((folder.deletingLastPathComponent().path, folder))
                    entries.append((folder.deletingLastPathComponent().deletingLastPathComponent().path, folder))
                    for (path, _) in entries {
                        var info = stat()
                        guard lstat(path, &info) == 0 else { continue }
                        observations.modes.withLock { _ = $0[path, default: []].insert(UInt16(info.st_mode & 0o7777)) }
                    }
                }
                usleep(500)
            }
        }
        watcher.start()
        for attempt in 0..<3 {
            let result = try await cli.run(
                cli.runArguments(attempt == 0 ? ["--var", "mode=sleep 0.3"] : ["--force", "--var", "mode=sleep 0.3"], pipeline: Self.secrets),
                environment: Self.environment)
            #expect(result.status == 0, "\(result.stderr)")
        }
        observations.stop.withLock { $0 = true }
        while !watcher.isFinished { try await Task.sleep(for: .milliseconds(5)) }
        let seen = observations.modes.withLock { $0 }
        let scripts = seen.filter { $0.key.hasSuffix(".init.hql") }
        #expect(scripts.count == 2, "the watcher must have seen the scripts: \(seen)")
        #expect(scripts.values.allSatisfy { $0 == [0o600] }, "\(scripts)")
        #expect(seen.filter { !$0.key.hasSuffix(".init.hql") }.values.allSatisfy { $0 == [0o700] }, "\(seen)")
        #expect(Self.privateFiles(cli) == [])
    }
}
