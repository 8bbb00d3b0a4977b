import Foundation
import Testing
import TestSupport

/// Suite 4, "Secret canary": random canaries as a `secret` variable (read from the environment), as the metastore
/// password (its environment variable and its password file) and as AWS credentials in the runner's environment.
/// While the built binary runs (stub engine, local state), every process's argv and environment is sampled every
/// 10 ms; afterwards every file the run left is scanned. Each round also kills a runner with -9 mid-task and
/// reruns it. CI runs `PDM_CANARY_ROUNDS` rounds (default 2); `scripts/fault-secrets` runs the full count.
@Suite struct SecretCanaryTests {
    static let rounds = Int(ProcessInfo.processInfo.environment["PDM_CANARY_ROUNDS"] ?? "") ?? 2

    static func canary(_ label: String) -> String { "canary-\(label)-\(UUID().uuidString)" }

    @Test func noCanaryOnAnyArgvEnvironmentOrFile() async throws {
        var figures = ProcessSampler.Figures()
        var fileOccurrences: [String] = []
        var scriptsLeft: [String] = []
        var filesScanned = 0
        for round in 0..<Self.rounds {
            let cli = try CLI()
            let pw = Self.canary("pw"), metastore = Self.canary("metastore-env"), passwordFile = Self.canary("metastore-file")
            let aws = Self.canary("aws-secret"), token = Self.canary("aws-token")
            let file = cli.folder.appendingPathComponent("metastore-password")
            try Data((passwordFile + "\n").utf8).write(to: file)
            let environment = [
                "CANARY_PW": pw, "PDM_METASTORE_PASSWORD": metastore, "AWS_SECRET_ACCESS_KEY": aws, "AWS_SESSION_TOKEN": token,
                "AWS_ACCESS_KEY_ID": "AKIDCANARY",
                // Copies under other names: withheld by value, not only by name.
                "MYSQL_PWD": metastore, "BACKUP_AWS_KEY": aws, "DSN": "db://u:\(pw)@h",
            ]
            let canaries = [pw, metastore, passwordFile, aws, token]
            let sampler = ProcessSampler(canaries: canaries, allowedTask: "secret/command:sh", runner: [CLI.binary.path, "run"])
            let correlation = "canary-\(round)"
            let arguments = ["--metastore-password-file", file.path]

            // A run killed with -9 while its secret statement hangs, then the rerun (takeover) to the end.
            let (process, out, err) = try cli.start(
                cli.runArguments(arguments + ["--var", "mode=hang"], pipeline: KillAndOrphanTests.secrets, correlationID: correlation),
                environment: environment)
            sampler.exclude(process.processIdentifier)
            for _ in 0..<3600 where try cli.recordedPIDs().count < 2 { try await Task.sleep(for: .milliseconds(20)) }
            try await Task.sleep(for: .milliseconds(100))
            await KillAndOrphanTests.killNine(process, out, err)
            #expect(await Processes.survivors(of: try cli.recordedPIDs()) == [])
            let (rerun, rerunOut, rerunErr) = try cli.start(
                cli.runArguments(arguments + ["--takeover", "--var", "mode=sleep 0.2"], pipeline: KillAndOrphanTests.secrets, correlationID: correlation),
                environment: environment)
            sampler.exclude(rerun.processIdentifier)
            let finished = await Command.finish(rerun, stdout: rerunOut, stderr: rerunErr)
            let stdout = Data(finished.stdout.utf8), stderr = finished.stderr
            #expect(rerun.terminationStatus == 0, "\(stderr)")
            let sampled = await sampler.stop()

            figures.samples += sampled.samples
            figures.seconds += sampled.seconds
            figures.taskProcesses += sampled.taskProcesses
            figures.argvOccurrences += sampled.argvOccurrences
            figures.environmentOccurrences += sampled.environmentOccurrences
            figures.allowedOccurrences += sampled.allowedOccurrences
            for output in [String(decoding: stdout, as: UTF8.self), stderr] {
                fileOccurrences += canaries.filter { output.contains($0) }.map { "runner output: \($0)" }
            }
            // Every file the runs left: logs, state, the run-state folder, the stub's records (its argv).
            let files = FileManager.default.enumerator(atPath: cli.folder.path)?.compactMap { $0 as? String } ?? []
            for relative in files where relative != file.lastPathComponent {
                let url = cli.folder.appendingPathComponent(relative)
                guard let data = FileManager.default.contents(atPath: url.path) else { continue }
                filesScanned += 1
                let text = String(decoding: data, as: UTF8.self)
                fileOccurrences += canaries.filter { text.contains($0) }.map { "\(relative): \($0)" }
                if relative.contains("/private/") { scriptsLeft.append(relative) }
            }
            // The canary did reach the task output, and was masked there (so the scan above is not vacuous).
            let logs = files.filter { $0.hasSuffix(".log") }.compactMap { try? String(contentsOf: cli.folder.appendingPathComponent($0), encoding: .utf8) }.joined()
            #expect(logs.contains("SELECT 'the password is ****'"))
            #expect(logs.contains("command got PW=****"))
            #expect(logs.contains("and AWS_SECRET_ACCESS_KEY=none, asked for AWS_SESSION_TOKEN=****"))
        }
        print("secret canary: rounds=\(Self.rounds) \(figures) files-scanned=\(filesScanned) file-occurrences=\(fileOccurrences.count) secret-files-left=\(scriptsLeft.count)")
        #expect(figures.samples > 0)
        #expect(figures.taskProcesses >= 2 * Self.rounds, "the sampler must see the tasks")
        #expect(figures.allowedOccurrences > 0, "the command that asks for the secret must be seen with it")
        #expect(figures.argvOccurrences.isEmpty, "\(figures.argvOccurrences.prefix(5))")
        #expect(figures.environmentOccurrences.isEmpty, "\(figures.environmentOccurrences.prefix(5))")
        #expect(fileOccurrences.isEmpty, "\(fileOccurrences.prefix(5))")
        #expect(scriptsLeft == [])
    }

    /// A secret in an engine setting that would reach a child's argv (the beeline URL, user, command; the hive
    /// command) is refused before anything runs: exit 2, the canary nowhere in the output, nothing in the state store.
    @Test(arguments: [
        "beeline {\n  url \"jdbc:hive2://127.0.0.1:1/default;auth=${pw}\"\n}",
        "beeline {\n  user \"${pw}\"\n}",
        "beeline {\n  command \"beeline\" \"--password=${pw}\"\n}",
        "hive {\n  command \"hive\" \"--hiveconf\" \"x=${pw}\"\n}",
        "beeline {\n  url \"jdbc:hive2://127.0.0.1:1/default;password=plain-canary\"\n}",
    ])
    func anEngineSettingHoldingASecretIsRefusedBeforeAnythingRuns(_ block: String) async throws {
        let cli = try CLI()
        let pw = Self.canary("engine")
        let pipeline = cli.folder.appendingPathComponent("engine.pipe")
        try Data("""
            pipeline "engine"
            param correlation_id
            engine beeline
            secret pw = env("CANARY_PW")
            \(block)
            step s {
              statement "SELECT 1"
            }

            """.utf8).write(to: pipeline)
        for command in ["plan", "run"] {
            var arguments = [command, pipeline.path, "--correlation-id", "c"]
            if command == "run" { arguments += ["--log-dir", cli.folder.appendingPathComponent("logs").path] }
            let r = try await cli.run(arguments, environment: ["CANARY_PW": pw])
            #expect(r.status == 2, "\(command): \(r.stderr)")
            #expect(r.stderr.contains("engine.pipe:"), "\(r.stderr)")
            for canary in [pw, "plain-canary"] {
                #expect(!r.stdout.contains(canary) && !r.stderr.contains(canary))
            }
        }
        #expect(!FileManager.default.fileExists(atPath: cli.folder.appendingPathComponent(".pdm-state").path))
        #expect(try cli.started() == [])
    }
}
