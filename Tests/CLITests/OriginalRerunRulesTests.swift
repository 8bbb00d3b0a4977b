import Foundation
import Testing
import TestSupport

/// The original's rerun rules on moto, through the deployed step (deploy/emr/steps.yaml's Args and the launcher's
/// tail, production on a stand-in EMR node, the stub engine as `hive`; see LauncherReplayTests):
/// - a new trigger for a COMPLETED correlation id runs the whole pipeline again, Run_Id + 1 (pdm.pipe says
///   `on_completed rerun`), whether the original or this tool completed it;
/// - an IN_PROGRESS item with no lease, as the original's update_dynamo.sh left it, is started again from the
///   first step with Run_Id + 1, as the original did, and the run says so (naming the old cluster).
/// Pipelines without `on_completed rerun` keep refusing a completed run (exit 3): RunWithDynamoDBCommandTests.
@Suite(.enabled(if: LiveServer.available("PDM_TEST_MOTO_URL"), "moto_server not running: scripts/services/moto start"))
struct OriginalRerunRulesTests {
    static let everyStep = ["create_databases", "transactional", "source", "transform", "model", "views", "create-views-tables"]
    let replay = LauncherReplayTests()
    let binary = Command.product("pdm-pipeline")

    struct Scene {
        let python: String
        let aws: [String: String]
        let table: String
        let correlationID: String
        let tail: [String]

        init(binary: String) async throws {
            python = try #require(LiveServer.value("PDM_TEST_MOTO_PYTHON"))
            aws = try LauncherReplayTests.motoEnvironment()
            let suffix = UUID().uuidString.prefix(8).lowercased()
            table = "rerun-\(suffix)"
            correlationID = "pdm-\(suffix)"
            tail = ["--correlation_id", correlationID, "--s3_prefix", "analytical-dataset/2026-11-21", "--snapshot_type", "NOT_SET",
                    "--export_date", "2026-11-21"]
            let created = try await Command.run(binary, ["state", "init", "--state-table", table, "--aws-region", "eu-west-2"], environment: aws)
            #expect(created.status == 0, "\(created.stderr)")
        }

        /// The item as the original wrote it (relauncher_replay.py original: update_dynamo.sh's UpdateItem).
        func writeOriginal(status: String, step: String, cluster: String) async throws {
            let script = LiveServer.repositoryRoot.appendingPathComponent("scripts/lib/relauncher_replay.py").path
            let r = try await Command.run(python, [script, "original", table, correlationID, status, step, cluster], environment: aws)
            #expect(r.status == 0, "\(r.stderr)")
        }

        func item(_ binary: String) async throws -> [String: Any] {
            let status = try await Command.run(binary, [
                "status", "--state", "dynamodb", "--state-table", table, "--aws-region", "eu-west-2", "--correlation-id", correlationID,
                "--format", "json",
            ], environment: aws)
            #expect(status.status == 0, "\(status.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        }
    }

    /// One cluster's step, as the launcher starts it: exit status, stderr, and the steps whose tasks ran.
    func runStep(_ scene: Scene, cluster: String) async throws -> (status: Int32, stderr: String, stdout: String, steps: [String]) {
        let node = try LauncherReplayTests.Node(cluster: cluster)
        defer { node.remove() }
        let argv = try await replay.stepArgv(python: scene.python, table: scene.table, node: node, tail: scene.tail)
        let r = try await Command.run(argv[0], Array(argv.dropFirst()), directory: node.directory.path, environment: node.environment(scene.aws))
        return (r.status, r.stderr, r.stdout, try node.stepsStarted())
    }

    @Test(.timeLimit(.minutes(5)))
    func aNewTriggerForACompletedRunRunsEverythingAgain() async throws {
        let scene = try await Scene(binary: binary)
        try await scene.writeOriginal(status: "COMPLETED", step: "create-views-tables", cluster: "j-ORIGINAL")
        let second = try await runStep(scene, cluster: "j-SECOND")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains(
            "run \(scene.correlationID)/PDM was COMPLETED (Run_Id 1); this pipeline runs a completed correlation id again (on_completed rerun): Run_Id 2, from the first step"))
        #expect(second.steps == Self.everyStep)
        var item = try await scene.item(binary)
        #expect(item["Status"] as? String == "COMPLETED")
        #expect(item["Run_Id"] as? Int == 2)
        #expect(item["Cluster_Id"] as? String == "j-SECOND")

        // Its own COMPLETED record is treated the same on the next trigger.
        let third = try await runStep(scene, cluster: "j-THIRD")
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.steps == Self.everyStep)
        item = try await scene.item(binary)
        #expect(item["Run_Id"] as? Int == 3)
        #expect(item["Status"] as? String == "COMPLETED")
        #expect(item["CurrentStep"] as? String == "create-views-tables")
    }

    @Test(.timeLimit(.minutes(5)))
    func anInProgressItemOfTheOriginalIsStartedAgainFromTheFirstStep() async throws {
        let scene = try await Scene(binary: binary)
        try await scene.writeOriginal(status: "IN_PROGRESS", step: "model", cluster: "j-ORIGINAL")
        let run = try await runStep(scene, cluster: "j-NEW")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains(
            "run \(scene.correlationID)/PDM was IN_PROGRESS (Run_Id 1 at step 'model', cluster j-ORIGINAL) with no lease, as the original system wrote it: started again from the first step as Run_Id 2, as the original did; if that cluster is still running, both now run the pipeline"))
        #expect(!run.stderr.contains("resuming"))
        #expect(run.steps == Self.everyStep)
        let item = try await scene.item(binary)
        #expect(item["Status"] as? String == "COMPLETED")
        #expect(item["Run_Id"] as? Int == 2)
        #expect(item["Cluster_Id"] as? String == "j-NEW")
    }
}
