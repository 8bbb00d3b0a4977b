import Foundation
import Testing
import TestSupport

/// `pdm_status` in the deployed step: deploy/emr/steps.yaml's Args with its `--var pushgateway=` pointed at a real
/// prometheus-pushgateway (scripts/services/pushgateway), pdm.pipe in production with its cluster-only steps on
/// (metrics, flushes, the dictionary clean-up on a local copy), the stub engine as `hive`, state on moto.
/// A run that fails leaves `pdm_status` 3 on the gateway for the alert (its final flush does not wipe it, as the
/// original's flush steps never ran after a failure); the relaunched run that completes replaces it and wipes at
/// its end. The step logs land in the log folder under the names deploy/emr/cloudwatch-agent.json ships.
@Suite(.enabled(
    if: LiveServer.available("PDM_TEST_MOTO_URL") && LiveServer.available("PDM_TEST_PUSHGATEWAY_URL"),
    "moto_server or the pushgateway not running: scripts/services/moto start; scripts/services/pushgateway start"))
struct FailureStatusOnGatewayTests {
    static let root = LiveServer.repositoryRoot
    let replay = LauncherReplayTests()

    /// `pdm_status` lines of the gateway's /metrics, as "cluster_id=... correlation_id=... value".
    static func statuses(_ gateway: String, correlationID: String) async throws -> [String] {
        let r = try await Command.run("/usr/bin/curl", ["-sS", "--max-time", "5", gateway + "/metrics"])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.split(separator: "\n").filter { $0.hasPrefix("pdm_status{") && $0.contains(#"correlation_id="\#(correlationID)""#) }
            .map { line in
                let cluster = line.range(of: #"cluster_id="[^"]*""#, options: .regularExpression).map { String(line[$0]) } ?? "?"
                return "\(cluster) \(line.split(separator: " ").last ?? "")"
            }
    }

    /// The deployed argv on `node`, with the cluster-only steps on and pointed at this machine's servers.
    func argv(python: String, table: String, node: LauncherReplayTests.Node, tail: [String], gateway: String, dictionary: URL) async throws -> [String] {
        var args = try await replay.stepArgv(python: python, table: table, node: node, tail: tail)
        let off = try #require(args.firstIndex(of: "on_emr=false"))
        args.removeSubrange((off - 1)...off)
        let at = try #require(args.firstIndex { $0.hasPrefix("pushgateway=") }, "steps.yaml passes --var pushgateway=")
        args[at] = "pushgateway=" + gateway
        return args + ["--var", "dictionary_path=file://" + dictionary.path, "--var", "flush_grace=0s", "--var", "published_bucket=pdm-gateway-test"]
    }

    @Test(.timeLimit(.minutes(10)))
    func aFailedRunLeavesItsStatusForTheAlertAndTheNextRunReplacesIt() async throws {
        let gateway = try #require(LiveServer.value("PDM_TEST_PUSHGATEWAY_URL"))
        let python = try #require(LiveServer.value("PDM_TEST_MOTO_PYTHON"))
        let aws = try LauncherReplayTests.motoEnvironment()
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let table = "gateway-\(suffix)"
        let correlationID = "pdm-gw-\(suffix)"
        let binary = Command.product("pdm-pipeline")
        let created = try await Command.run(binary, ["state", "init", "--state-table", table, "--aws-region", "eu-west-2"], environment: aws)
        #expect(created.status == 0, "\(created.stderr)")
        let tail = ["--correlation_id", correlationID, "--s3_prefix", "analytical-dataset/2026-11-21", "--snapshot_type", "full",
                    "--export_date", "2026-11-21"]

        // 1. The model step fails for good: FAILED, exit 1, and pdm_status 3 stays after the process has gone.
        let first = try LauncherReplayTests.Node(cluster: "j-GWFAIL\(suffix.uppercased())")
        defer { first.remove() }
        let dictionary = first.directory.appendingPathComponent("dictionary")
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("data/dictionary"), to: dictionary)
        let failing = try await argv(python: python, table: table, node: first, tail: tail, gateway: gateway, dictionary: dictionary)
        let r1 = try await Command.run(
            failing[0], Array(failing.dropFirst()), directory: first.directory.path, environment: first.environment(aws, ["STUB_FAIL": "site_dim"]))
        #expect(r1.status == 1, "\(r1.stderr)")
        #expect(r1.stdout.contains("run \(correlationID)/PDM Run_Id 1: FAILED at step 'model'"))
        #expect(try await Self.statuses(gateway, correlationID: correlationID) == [#"cluster_id="j-GWFAIL\#(suffix.uppercased())" 3"#])
        let flush = try String(contentsOfFile: first.logs + "/flush-gateway.log", encoding: .utf8)
        #expect(flush.contains("pushgateway.wipe: the run did not complete: pdm_status 3 stays on the gateway for the alert until the next run's courtesy flush"))
        // Every step that ran has its flat log where deploy/emr/cloudwatch-agent.json ships it from.
        for step in ["courtesy-flush", "create-hive-dynamo-table", "metrics-setup", "clean_dictionary_data", "create_databases",
                     "transactional", "source", "transform", "model", "flush-gateway", "flush-s3"] {
            #expect(FileManager.default.fileExists(atPath: first.logs + "/\(step).log"), "\(step).log")
        }
        #expect(!FileManager.default.fileExists(atPath: first.logs + "/views.log"))
        try await Task.sleep(for: .seconds(2))
        #expect(try await Self.statuses(gateway, correlationID: correlationID).count == 1, "nothing wipes it later")

        // 2. The relaunch (a new cluster) resumes at model and completes: the old series is replaced, then wiped.
        let second = try LauncherReplayTests.Node(cluster: "j-GWOK\(suffix.uppercased())")
        defer { second.remove() }
        let relaunched = try await argv(python: python, table: table, node: second, tail: tail, gateway: gateway, dictionary: dictionary)
        let r2 = try await Command.run(relaunched[0], Array(relaunched.dropFirst()), directory: second.directory.path, environment: second.environment(aws))
        #expect(r2.status == 0, "\(r2.stderr)")
        #expect(r2.stdout.contains("run \(correlationID)/PDM Run_Id 2: COMPLETED"))
        #expect(try await Self.statuses(gateway, correlationID: correlationID) == [])
        let wiped = try String(contentsOfFile: second.logs + "/flush-gateway.log", encoding: .utf8)
        #expect(wiped.contains("pushgateway.wipe: wipe queued"))
    }
}
