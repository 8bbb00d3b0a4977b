import Foundation
import Testing
import TestSupport

/// The EMR launcher and the relauncher, replayed against moto around two runs of `pipelines/pdm.pipe` (production,
/// on a stand-in EMR node, the stub engine as `hive`):
/// 1. the step's argv exactly as the launcher builds it: `deploy/emr/steps.yaml`'s Args with its tail
///    (underscores, a `NOT_SET` value); a failure injected in step `model`;
/// 2. the relauncher's scan of the table by `Cluster_Id` (boto3, as the Lambda does it: one page, and paginated
///    across decoy items of other clusters), its decision and its SNS payload;
/// 3. the payload turned back into the relaunched step's argv, on a new cluster: the rerun resumes at `model` and
///    ends COMPLETED at `create-views-tables` with Run_Id 2.
///
/// Differences from a cluster, all outside what the launcher and the relauncher see: the binary, pipeline and log
/// folder are this checkout's, the table is a fresh one, and `--skip-preflight --var on_emr=false` switch off
/// what needs a cluster (the metastore, S3 metrics, the AUDIT table, the dictionary clean-up, the unlock pass).
@Suite(.enabled(if: LiveServer.available("PDM_TEST_MOTO_URL"), "moto_server not running: scripts/services/moto start"))
struct LauncherReplayTests {
    static let root = LiveServer.repositoryRoot
    let binary = Command.product("pdm-pipeline")

    struct Scan: Decodable {
        let found: Bool
        let pages: Int
        let relaunch: Bool
        let why: String
        let payload: [String: String]?
    }

    /// A scratch EMR node: job-flow.json naming the cluster, the environment file the bootstrap action writes,
    /// `hive` on PATH (the stub engine), the logs.
    struct Node {
        let directory: URL
        init(cluster: String) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-replay-\(UUID().uuidString)")
            let bin = directory.appendingPathComponent("bin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            try #"{"jobFlowId": "\#(cluster)", "instanceCount": 3}"#.write(to: directory.appendingPathComponent("job-flow.json"), atomically: true, encoding: .utf8)
            try "production\n".write(to: directory.appendingPathComponent("environment"), atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(
                at: bin.appendingPathComponent("hive"), withDestinationURL: root.appendingPathComponent("Tests/Fixtures/bin/stub-engine"))
        }
        var record: URL { directory.appendingPathComponent("record.txt") }
        var logs: String { directory.appendingPathComponent("logs").path }

        func environment(_ aws: [String: String], _ extra: [String: String] = [:]) -> [String: String] {
            var environment = aws
            environment["PATH"] = directory.appendingPathComponent("bin").path + ":/usr/bin:/bin"
            environment["PDM_JOB_FLOW_INFO"] = directory.appendingPathComponent("job-flow.json").path
            environment["PDM_ENVIRONMENT_FILE"] = directory.appendingPathComponent("environment").path
            environment["STUB_RECORD"] = record.path
            return Command.textLogs(environment.merging(extra) { $1 })
        }

        /// The steps whose tasks the stub ran, in order.
        func stepsStarted() throws -> [String] {
            guard FileManager.default.fileExists(atPath: record.path) else { return [] }
            var steps: [String] = []
            for line in try String(contentsOf: record, encoding: .utf8).split(separator: "\n") {
                let parts = line.split(separator: " ")
                guard parts.count == 4, parts[1] == "start" else { continue }
                let step = String(parts[2].prefix { $0 != "/" })
                if steps.last != step { steps.append(step) }
            }
            return steps
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    /// The step's Args in deploy/emr/steps.yaml, read with the venv's PyYAML, with this machine's paths in place
    /// of the cluster's, then what the launcher appends. The whole argv, the executable first (command-runner.jar
    /// runs it as it is).
    func stepArgv(python: String, table: String, node: Node, tail: [String]) async throws -> [String] {
        let read = try await Command.run(python, [
            "-c", "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))['Steps'][0]['HadoopJarStep']['Args']))",
            Self.root.appendingPathComponent("deploy/emr/steps.yaml").path,
        ])
        #expect(read.status == 0, "\(read.stderr)")
        var args = try #require(try JSONDecoder().decode([String]?.self, from: Data(read.stdout.utf8)))
        #expect(args.prefix(3) == ["/usr/local/bin/pdm-pipeline", "run", "/opt/pdm-pipeline/current/pipelines/pdm.pipe"])
        args[0] = binary
        args[2] = Self.root.appendingPathComponent("pipelines/pdm.pipe").path
        for (flag, value) in [("--log-dir", node.logs), ("--state-table", table), ("--sql-root", Self.root.appendingPathComponent("sql").path)] {
            let at = try #require(args.firstIndex(of: flag), "\(flag) in steps.yaml")
            args[at + 1] = value
        }
        return args + ["--skip-preflight", "--var", "on_emr=false"] + tail
    }

    /// The AWS environment of a run against moto (also what relauncher_replay.py reads).
    static func motoEnvironment() throws -> [String: String] {
        let url = try #require(LiveServer.value("PDM_TEST_MOTO_URL"))
        return [
            "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL": url, "AWS_REGION": "eu-west-2",
            "AWS_ACCESS_KEY_ID": try #require(LiveServer.value("PDM_TEST_MOTO_ACCESS_KEY_ID")),
            "AWS_SECRET_ACCESS_KEY": try #require(LiveServer.value("PDM_TEST_MOTO_SECRET_ACCESS_KEY")),
            "PDM_TEST_MOTO_URL": url,
            "PDM_TEST_MOTO_ACCESS_KEY_ID": try #require(LiveServer.value("PDM_TEST_MOTO_ACCESS_KEY_ID")),
            "PDM_TEST_MOTO_SECRET_ACCESS_KEY": try #require(LiveServer.value("PDM_TEST_MOTO_SECRET_ACCESS_KEY")),
        ]
    }

    struct Launched: Decodable {
        let ok: Bool
        let tail: [String]?
        let error: String?
    }

    /// What DWP's emr-launcher `version` appends to `source` for the relauncher's payload delivered through SNS
    /// (relauncher_replay.py launch: the launcher's rules per version), or the error it raises.
    func launch(python: String, version: String, payload: String, form: String) async throws -> Launched {
        let script = Self.root.appendingPathComponent("scripts/lib/relauncher_replay.py").path
        let result = try await Command.run(python, [script, "launch", version, payload, "--form", form])
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONDecoder().decode(Launched.self, from: Data(result.stdout.utf8))
    }

    func scan(python: String, table: String, cluster: String, _ options: [String], aws: [String: String]) async throws -> Scan {
        let script = Self.root.appendingPathComponent("scripts/lib/relauncher_replay.py").path
        let result = try await Command.run(python, [script, "scan", table, cluster] + options, environment: aws)
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONDecoder().decode(Scan.self, from: Data(result.stdout.utf8))
    }

    @Test(.timeLimit(.minutes(10)))
    func failedRunIsRelaunchedFromTheScanAndResumesAtModel() async throws {
        let python = try #require(LiveServer.value("PDM_TEST_MOTO_PYTHON"))
        let aws = try Self.motoEnvironment()
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let table = "replay-\(suffix)"
        let (firstCluster, secondCluster) = ("j-REPLAY1\(suffix.uppercased())", "j-REPLAY2\(suffix.uppercased())")
        let correlationID = "pdm-\(suffix)"
        let created = try await Command.run(binary, ["state", "init", "--state-table", table, "--aws-region", "eu-west-2"], environment: aws)
        #expect(created.status == 0, "\(created.stderr)")
        // Items of other clusters written before ours, so that a scan has more than one page to turn.
        let decoys = try await Command.run(
            python, [Self.root.appendingPathComponent("scripts/lib/relauncher_replay.py").path, "decoys", table, "30"], environment: aws)
        #expect(decoys.status == 0, "\(decoys.stderr)")

        // 1. The launcher starts the cluster; `model` fails for good (its 12 attempts spent).
        let node = try Node(cluster: firstCluster)
        defer { node.remove() }
        let tail = ["--correlation_id", correlationID, "--s3_prefix", "analytical-dataset/2026-11-21", "--snapshot_type", "NOT_SET",
                    "--export_date", "2026-11-21"]
        let argv = try await stepArgv(python: python, table: table, node: node, tail: tail)
        let first = try await Command.run(
            argv[0], Array(argv.dropFirst()), directory: node.directory.path, environment: node.environment(aws, ["STUB_FAIL": "site_dim"]))
        #expect(first.status == 1, "\(first.stderr)")
        #expect(first.stdout.contains("run \(correlationID)/PDM Run_Id 1: FAILED at step 'model'"))
        #expect(try node.stepsStarted() == ["create_databases", "transactional", "source", "transform", "model"])

        // 2. The cluster ends TERMINATED_WITH_ERRORS; the relauncher scans by Cluster_Id.
        let single = try await scan(python: python, table: table, cluster: firstCluster, [], aws: aws)
        let paged = try await scan(python: python, table: table, cluster: firstCluster, ["--paginate", "--page-size", "5"], aws: aws)
        let onePage = try await scan(python: python, table: table, cluster: firstCluster, ["--page-size", "5"], aws: aws)
        let payload = ["correlation_id": correlationID, "s3_prefix": "analytical-dataset/2026-11-21", "snapshot_type": "NOT_SET",
                       "export_date": "2026-11-21"]
        for found in [single, paged] {
            #expect(found.found && found.relaunch, "\(found.why)")
            #expect(found.why == "CurrentStep model, Run_Id 1")
            #expect(found.payload == payload)
        }
        #expect(paged.pages > 1)
        // The original's bug 8: one page of a bigger table misses the item, so nothing is relaunched.
        #expect(!onePage.found && !onePage.relaunch)

        // 3. The launcher turns the payload, delivered through SNS, into the new cluster's step argv. Launchers
        // 1.0.32 to 1.0.37 read the relauncher's payload as it is; 1.0.45 and later only in the additional_step_args
        // form; 1.0.38 to 1.0.44 read no SNS message at all, and 1.0.44 on refuse the flat form.
        let p = try #require(paged.payload)
        let relaunchPayload = String(decoding: try JSONEncoder().encode(p), as: UTF8.self)
        var tails: [[String]] = []
        for (version, form) in [("1.0.32", "flat"), ("1.0.37", "flat"), ("1.0.45", "additional_step_args"), ("1.0.55", "additional_step_args")] {
            let launched = try await launch(python: python, version: version, payload: relaunchPayload, form: form)
            #expect(launched.ok, "\(version) \(form): \(launched.error ?? "")")
            tails.append(launched.tail ?? [])
        }
        for (version, form, error) in [
            ("1.0.38", "flat", "TypeError('Invalid request payload')"), ("1.0.43", "flat", "TypeError('Invalid request payload')"),
            ("1.0.44", "flat", "TypeError('Invalid request payload')"), ("1.0.41", "additional_step_args", "TypeError('Invalid request payload')"),
            ("1.0.45", "flat", "ValueError('the old handler has been deprecated')"),
        ] {
            let refused = try await launch(python: python, version: version, payload: relaunchPayload, form: form)
            #expect(!refused.ok && refused.error == error, "\(version) \(form)")
        }
        #expect(Set(tails).count == 1)
        let relaunchTail = try #require(tails.last)
        #expect(relaunchTail == tail)
        let second = try Node(cluster: secondCluster)
        defer { second.remove() }
        let relaunched = try await stepArgv(python: python, table: table, node: second, tail: relaunchTail)
        let rerun = try await Command.run(
            relaunched[0], Array(relaunched.dropFirst()), directory: second.directory.path, environment: second.environment(aws))
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stderr.contains("resuming run 1 at step 'model'"))
        #expect(try second.stepsStarted() == ["model", "views", "create-views-tables"])
        #expect(rerun.stdout.contains("run \(correlationID)/PDM Run_Id 2: COMPLETED"))

        let status = try await Command.run(
            binary, ["status", "--state", "dynamodb", "--state-table", table, "--aws-region", "eu-west-2", "--correlation_id", correlationID,
                     "--format", "json"], environment: aws)
        #expect(status.status == 0, "\(status.stderr)")
        let item = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect(item["Status"] as? String == "COMPLETED")
        #expect(item["CurrentStep"] as? String == "create-views-tables")
        #expect(item["Run_Id"] as? Int == 2)
        #expect(item["Cluster_Id"] as? String == secondCluster)
        #expect(item["Date"] as? String == "2026-11-21")
        #expect(item["S3_Prefix_Analytical_DataSet"] as? String == "analytical-dataset/2026-11-21")
        #expect(item["Snapshot_Type"] as? String == "NOT_SET")
        // The item now belongs to the new cluster: a scan for the first one finds nothing to relaunch again.
        #expect(try await scan(python: python, table: table, cluster: firstCluster, ["--paginate"], aws: aws).found == false)
    }
}
