import Foundation
import Testing
import TestSupport

/// How `plan`/`run` choose a profile on an EMR node (a `job-flow.json` stands in, via PDM_JOB_FLOW_INFO) and off it.
@Suite struct EMRProfileTests {
    let binary = Command.product("pdm-pipeline")

    /// A fake EMR node: job-flow.json, and an environment file path that exists only when `environmentFile` is given.
    struct Node {
        let directory: URL
        var jobFlow: String { directory.appendingPathComponent("job-flow.json").path }
        var environmentFile: String { directory.appendingPathComponent("environment").path }

        init(emr: Bool, environmentFile content: String? = nil) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-emr-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            if emr { try #"{"jobFlowId": "j-TEST", "instanceCount": 3}"#.write(toFile: jobFlow, atomically: true, encoding: .utf8) }
            if let content { try content.write(toFile: environmentFile, atomically: true, encoding: .utf8) }
        }

        func environment(_ extra: [String: String] = [:]) -> [String: String] {
            ["PATH": "/usr/bin:/bin", "PDM_JOB_FLOW_INFO": jobFlow, "PDM_ENVIRONMENT_FILE": environmentFile].merging(extra) { $1 }
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    func header(_ stdout: String) -> String { String(stdout.prefix { $0 != "\n" }) }
    let production = "pipeline pdm-dataset-generation · product PDM · profile production"

    @Test func bareCommandsOnEMRWithoutAnEnvironmentAreRefusedInOneLine() async throws {
        let node = try Node(emr: true)
        defer { node.remove() }
        let expected = "error: on EMR (\(node.jobFlow) exists) and no environment given: pass --profile development|qa|integration|preprod|production, or set PDM_ENVIRONMENT, or write it to \(node.environmentFile) (the bootstrap action does)\n"
        for command in ["plan", "check", "run"] {
            let r = try await Command.run(binary, [command, "pipelines/pdm.pipe", "--correlation_id", "c-1"], environment: node.environment())
            #expect(r.status == 2, "\(command)")
            #expect(r.stderr == expected, "\(command)")
            #expect(r.stdout == "", "\(command)")
        }
    }

    @Test func theClusterEnvironmentVariableChoosesTheProfile() async throws {
        let node = try Node(emr: true, environmentFile: "qa\n")
        defer { node.remove() }
        let r = try await Command.run(binary, ["plan", "pipelines/pdm.pipe"], environment: node.environment(["PDM_ENVIRONMENT": "prod"]))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(header(r.stdout) == production)
    }

    @Test(arguments: [("integration\n", "integration"), ("dev", "development"), (" preprod \n", "preprod"), ("PROD\n", "production")])
    func theBootstrapFileChoosesTheProfile(content: String, profile: String) async throws {
        let node = try Node(emr: true, environmentFile: content)
        defer { node.remove() }
        let r = try await Command.run(binary, ["plan", "pipelines/pdm.pipe"], environment: node.environment())
        #expect(r.status == 0, "\(r.stderr)")
        #expect(header(r.stdout) == "pipeline pdm-dataset-generation · product PDM · profile \(profile)")
    }

    @Test func anExplicitProfileWinsOnEMR() async throws {
        let node = try Node(emr: true, environmentFile: "qa\n")
        defer { node.remove() }
        let r = try await Command.run(binary, ["plan", "pipelines/pdm.pipe", "--profile", "production"], environment: node.environment(["PDM_ENVIRONMENT": "dev"]))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(header(r.stdout) == production)
    }

    @Test func theLaptopProfileIsNotAClusterEnvironment() async throws {
        let node = try Node(emr: true)
        defer { node.remove() }
        let r = try await Command.run(binary, ["plan", "pipelines/pdm.pipe"], environment: node.environment(["PDM_ENVIRONMENT": "local"]))
        #expect(r.status == 2)
        #expect(r.stderr == "error: unknown environment 'local' in PDM_ENVIRONMENT: expected one of development|qa|integration|preprod|production (or dev, int, prod)\n")
    }

    @Test func offEMRTheDefaultProfileStaysLocal() async throws {
        let node = try Node(emr: false, environmentFile: "production\n")
        defer { node.remove() }
        let r = try await Command.run(binary, ["plan", "pipelines/pdm.pipe"], environment: node.environment(["PDM_ENVIRONMENT": "production"]))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(header(r.stdout) == "pipeline pdm-dataset-generation · product PDM · profile local")
    }
    /// The state store defaults to DynamoDB on an EMR node (a record on the cluster's disk dies with it, and the
    /// relauncher reads the table), to the local store off EMR; `--state` wins on both.
    @Test func theStateStoreDefaultsToDynamoDBOnEMR() async throws {
        let node = try Node(emr: true, environmentFile: "production\n")
        defer { node.remove() }
        let environment = node.environment(["HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true"])
        let onEMR = try await Command.run(binary, ["status", "--correlation-id", "c-1"], environment: environment)
        #expect(onEMR.status == 5)
        #expect(onEMR.stderr.hasPrefix("error: state store unavailable: cannot configure AWS for DynamoDB table data_pipeline_metadata: no AWS region: "), "\(onEMR.stderr)")
        let state = node.directory.appendingPathComponent("state").path
        let local = try await Command.run(binary, ["status", "--correlation-id", "c-1", "--state", "local", "--state-dir", state], environment: environment)
        #expect(local.status == 1)
        #expect(local.stderr == "error: no run recorded for c-1/PDM in the local store \(state)\n")

        let laptop = try Node(emr: false)
        defer { laptop.remove() }
        let off = try await Command.run(binary, ["status", "--correlation-id", "c-1", "--state-dir", state], environment: laptop.environment(["HOME": "/nonexistent"]))
        #expect(off.status == 1)
        #expect(off.stderr == "error: no run recorded for c-1/PDM in the local store \(state)\n")
    }
}
