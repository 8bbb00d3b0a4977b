import Foundation
import Testing
import TestSupport

/// deploy/emr/: the step definitions parse, their argv (with the launcher's tail) is what the binary accepts, and
/// the IAM policy is valid JSON naming the three resources.
@Suite struct DeployEMRTests {
    static let root = LiveServer.repositoryRoot
    let binary = Command.product("pdm-pipeline")

    static func json(_ name: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("deploy/emr/\(name)")))
    }

    /// A Python that can read YAML: the project's venv (PDM_VENV or .venv) has PyYAML (moto needs it).
    /// Looked for once (a task, so the trait and the test share it and neither blocks a thread on the probe).
    static let pythonSearch = Task<String?, Never> {
        let env = ProcessInfo.processInfo.environment
        let venv: String? = env["PDM_VENV"].map { $0 + "/bin/python" }
        let candidates: [String] = [venv, root.appendingPathComponent(".venv/bin/python").path, "/usr/bin/python3"].compactMap { $0 }
        for path in candidates where FileManager.default.isExecutableFile(atPath: path) {
            if (try? await Command.run(path, ["-c", "import yaml"]).status) == 0 { return path }
        }
        return nil
    }
    static var python: String? { get async { await pythonSearch.value } }

    /// What the launcher appends to the step named `source` (1.0.20 to 1.0.43), a trigger without snapshot type.
    static let launcherTail = [
        "--correlation_id", "launch-7", "--s3_prefix", "analytical-dataset/2026-11-21", "--snapshot_type", "NOT_SET",
        "--export_date", "2026-11-21",
    ]

    @Test func addStepsIsOneCommandRunnerStepNamedSource() throws {
        let steps = try #require(try Self.json("add-steps.json") as? [[String: Any]])
        #expect(steps.count == 1)
        let step = try #require(steps.first)
        #expect(step["Name"] as? String == "source")
        #expect(step["Jar"] as? String == "command-runner.jar")
        #expect(step["Type"] as? String == "CUSTOM_JAR")
        #expect(step["ActionOnFailure"] as? String == "TERMINATE_CLUSTER")
        #expect((step["Args"] as? [String])?.prefix(2) == ["/usr/local/bin/pdm-pipeline", "run"])
    }

    @Test func iamPolicyCoversStateMetricsAndSecret() throws {
        let policy = try #require(try Self.json("iam-policy.json") as? [String: Any])
        #expect(policy["Version"] as? String == "2012-10-17")
        let statements = try #require(policy["Statement"] as? [[String: Any]])
        func actions(_ s: [String: Any]) -> [String] { (s["Action"] as? [String]) ?? [(s["Action"] as? String)].compactMap { $0 } }
        let all = statements.flatMap(actions)
        for action in ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "s3:PutObject", "s3:DeleteObject", "secretsmanager:GetSecretValue"] {
            #expect(all.contains(action), "\(action)")
        }
        let resources = statements.compactMap { $0["Resource"] as? String }
        #expect(resources.contains { $0.hasSuffix(":table/data_pipeline_metadata") })
        #expect(resources.contains { $0.hasSuffix("/metrics/pdm-metrics.json") })
        #expect(resources.contains { $0.contains(":secret:metadata-store-v2-pdm-writer-") })
        #expect(!all.contains { $0.hasSuffix("*") }, "no wildcard actions")
    }

    @Test(.enabled("no Python with PyYAML (run scripts/setup)") { await python != nil })
    func stepsYamlMatchesAddSteps() async throws {
        let script = """
            import json, sys, yaml
            steps = yaml.safe_load(open(sys.argv[1]))["Steps"]
            print(json.dumps(steps))
            """
        let r = try await Command.run(try #require(await Self.python), ["-c", script, Self.root.appendingPathComponent("deploy/emr/steps.yaml").path])
        #expect(r.status == 0, "\(r.stderr)")
        let steps = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let step = try #require(steps.first)
        let jar = try #require(step["HadoopJarStep"] as? [String: Any])
        #expect(steps.count == 1)
        #expect(step["Name"] as? String == "source")
        #expect(step["ActionOnFailure"] as? String == "TERMINATE_CLUSTER")
        #expect(jar["Jar"] as? String == "command-runner.jar")
        // The launcher's steps.yaml carries no run parameters (the launcher appends them); add-steps.json does.
        let added = try #require((try Self.json("add-steps.json") as? [[String: Any]])?.first?["Args"] as? [String])
        #expect((jar["Args"] as? [String]).map { added.starts(with: $0) } == true)
    }

    /// The step's argv as the launcher leaves it, run on a stand-in EMR node (production from the bootstrap's
    /// environment file): it parses, plans and finds its executables. Without the RDS CA bundle the bootstrap
    /// installs, it stops there with one line, before the state store is touched (exit 2); with it, it goes on to
    /// the state store, which is unreachable here (exit 5), never stopping at the command line (64), the plan (2)
    /// or the executables (6).
    @Test func theStepsArgvIsAcceptedByTheBinary() async throws {
        let added = try #require((try Self.json("add-steps.json") as? [[String: Any]])?.first?["Args"] as? [String])
        let base = Array(added.prefix { $0 != "--correlation_id" })
        let node = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-step-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: node, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: node) }
        try #"{"jobFlowId": "j-STEPTEST"}"#.write(to: node.appendingPathComponent("job-flow.json"), atomically: true, encoding: .utf8)
        try "production\n".write(to: node.appendingPathComponent("environment"), atomically: true, encoding: .utf8)
        // The executables the production plan names exist on EMR: stand-ins here (they are never started).
        let bin = node.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let stub = LiveServer.repositoryRoot.appendingPathComponent("Tests/Fixtures/bin/stub-engine").path
        for name in ["hive", "aws"] {
            try FileManager.default.createSymbolicLink(atPath: bin.appendingPathComponent(name).path, withDestinationPath: stub)
        }
        let environment = [
            "PATH": bin.path + ":/usr/bin:/bin", "HOME": node.path,
            "PDM_JOB_FLOW_INFO": node.appendingPathComponent("job-flow.json").path,
            "PDM_ENVIRONMENT_FILE": node.appendingPathComponent("environment").path,
            "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "example", "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_ENDPOINT_URL": "http://127.0.0.1:9",
        ]
        let ca = node.appendingPathComponent("global-bundle.pem")
        try "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n".write(to: ca, atomically: true, encoding: .utf8)
        for argv in [added, base + Self.launcherTail] {
            // The installed paths of the pipeline and the SQL release become this checkout's; --log-dir a scratch folder.
            let installed = ["/opt/pdm-pipeline/current/pipelines/pdm.pipe": "pipelines/pdm.pipe", "/opt/pdm-pipeline/sql/current": "sql"]
            var arguments = Array(argv.dropFirst()).map { installed[$0] ?? $0 }
            if let i = arguments.firstIndex(of: "--log-dir") { arguments[i + 1] = node.appendingPathComponent("logs").path }
            let noBundle = try await Command.run(binary, arguments, environment: environment)
            #expect(noBundle.status == 2, "\(noBundle.stderr)")
            #expect(noBundle.stderr == """
                error: metastore TLS CA bundle /etc/pki/rds/global-bundle.pem is missing or unreadable: install it \
                (deploy/emr/bootstrap-install.sh --ca-bundle URL SHA256) or give --metastore-tls-ca; nothing was run

                """)
            let r = try await Command.run(binary, arguments + ["--metastore-tls-ca", ca.path], environment: environment)
            #expect(r.status == 5, "\(r.stderr)")
            #expect(r.stderr.contains("127.0.0.1:9"), "\(r.stderr)")
        }
    }

    /// The deployment carries what the original's infrastructure passed: the SQL release, the pushgateway, the
    /// metastore (host, database, user, secret); the pushgateway reaches the plan's metrics.
    @Test func theStepCarriesTheDeploymentsInputs() async throws {
        let args = try #require((try Self.json("add-steps.json") as? [[String: Any]])?.first?["Args"] as? [String])
        func value(_ flag: String) -> String? { args.firstIndex(of: flag).map { args[$0 + 1] } }
        #expect(value("--sql-root") == "/opt/pdm-pipeline/sql/current")
        #expect(value("--log-dir") == "/var/log/pdm")
        #expect(value("--metastore-host") == "metastore.example.internal")
        #expect(value("--metastore-database") == "hive_metastore_v2")
        #expect(value("--metastore-user") == "pdm-writer")
        #expect(value("--metastore-secret-id") == "metadata-store-v2-pdm-writer")
        let vars = args.indices.filter { args[$0] == "--var" }.map { args[$0 + 1] }
        let gateway = try #require(vars.first { $0.hasPrefix("pushgateway=") })
        #expect(gateway == "pushgateway=http://pdm-pushgateway.example.internal:9091")
        let plan = try await Command.run(binary, ["plan", "pipelines/pdm.pipe", "--profile", "production", "--correlation-id", "c",
                                                  "--sql-root", "sql", "--format", "json"] + vars.flatMap { ["--var", $0] })
        #expect(plan.status == 0, "\(plan.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any])
        let variables = try #require(document["variables"] as? [[String: Any]])
        #expect(variables.first { $0["name"] as? String == "pushgateway" }?["value"] as? String == "http://pdm-pushgateway.example.internal:9091")
    }

    /// deploy/emr/cloudwatch-agent.json ships, by its fixed name, the log of every step of pdm.pipe (the runner
    /// writes `<--log-dir>/<step>.log`; a wildcard would ship only the newest file), and the step's own stderr.
    @Test func theCloudWatchAgentShipsEveryStepLog() async throws {
        let config = try #require(try Self.json("cloudwatch-agent.json") as? [String: Any])
        let logs = try #require(config["logs"] as? [String: Any])
        let collected = try #require((logs["logs_collected"] as? [String: Any])?["files"] as? [String: Any])
        let entries = try #require(collected["collect_list"] as? [[String: Any]])
        let paths = entries.compactMap { $0["file_path"] as? String }
        #expect(entries.allSatisfy { $0["log_group_name"] is String && $0["log_stream_name"] is String })
        let plan = try await Command.run(binary, ["plan", "pipelines/pdm.pipe", "--profile", "production", "--correlation-id", "c", "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any])
        let steps = try #require(document["steps"] as? [[String: Any]]).compactMap { $0["name"] as? String }
        #expect(steps.count == 14)
        #expect(paths.filter { $0.hasPrefix("/var/log/pdm/") } == steps.map { "/var/log/pdm/\($0).log" })
        #expect(paths.contains("/mnt/var/log/hadoop/steps/*/stderr"))
        #expect(!paths.contains { $0.hasPrefix("/var/log/pdm/") && ($0.contains("*") || $0.contains("?")) })
    }
}
