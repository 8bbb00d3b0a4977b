import Foundation
import Testing
import TestSupport

/// The scripts pdm.pipe's cluster-only tasks run (`pipelines/scripts/`), run here on copies of the repository's
/// sample dictionary: clean_dictionary_data (the original's clean_dictionary_data.sh) and the unlock pass.
@Suite struct PDMScriptsTests {
    static let root = LiveServer.repositoryRoot.path
    static let clean = root + "/pipelines/scripts/clean_dictionary_data.py"
    static let unlock = root + "/pipelines/scripts/unlock_tables.py"

    /// A scratch folder, removed when the test ends.
    final class Scratch: Sendable {
        let path: String
        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-scripts-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }

        func write(_ name: String, _ text: String, executable: Bool = false) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + name))
            if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path + "/" + name) }
        }
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }
    func json(_ data: Data) throws -> NSObject { try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as! NSObject }

    @Test func cleanDictionaryDataWritesSingleLineJSONAndWrapsTheAddresses() async throws {
        let scratch = try Scratch()
        let dictionary = scratch.path + "/common-model-inputs"
        try FileManager.default.copyItem(atPath: Self.root + "/data/dictionary", toPath: dictionary)
        let result = try await Command.run("/usr/bin/env", ["python3", Self.clean, "file://" + dictionary])
        #expect(result.status == 0, "\(result.stderr)")

        let unclean = dictionary + "/unclean"
        for name in ["initialOrganisation.json", "initialOrganisation-NorthernIreland.json"] {
            let input = try bytes(unclean + "/site/" + name), output = try bytes(dictionary + "/site/" + name)
            #expect(input.contains(UInt8(ascii: "\n")), "the sample must be multi-line for this test to mean anything")
            #expect(!output.contains(UInt8(ascii: "\n")))
            #expect(try json(output) == json(input))
        }
        let addresses = try bytes(unclean + "/data/address/initialDeliveryUnitAddresses.json")
        let tagged = try bytes(dictionary + "/address_tagged/initialDeliveryUnitAddresses_tagged.json")
        #expect(!tagged.contains(UInt8(ascii: "\n")))
        #expect(tagged.starts(with: Data(#"{"addresses" : "#.utf8)) && tagged.last == UInt8(ascii: "}"))
        let wrapped = try #require(try json(tagged) as? [String: Any])
        #expect(Array(wrapped.keys) == ["addresses"])
        #expect((wrapped["addresses"] as! NSObject) == (try json(addresses)))
        // The original uploaded the downloaded file here, not its single-line copy.
        #expect(try bytes(dictionary + "/data/address/initialDeliveryUnitAddresses.json") == addresses)
        // Nothing else is written: the SerDe tables over the other folders see the same files.
        #expect(try bytes(dictionary + "/sanction_reason/part-00000.json") == bytes(Self.root + "/data/dictionary/sanction_reason/part-00000.json"))
        #expect(!FileManager.default.fileExists(atPath: dictionary + "/site/initialOrganisation.json.partial"))
    }

    @Test func cleanDictionaryDataFailsOnAMissingFileAndRefusesBadUsage() async throws {
        let scratch = try Scratch()
        let missing = try await Command.run("/usr/bin/env", ["python3", Self.clean, scratch.path])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("unclean/site/initialOrganisation.json"))
        #expect(try await Command.run("/usr/bin/env", ["python3", Self.clean]).status == 2)
    }

    /// On S3 the script streams every file through `aws s3 cp` (stdin/stdout), from and to the original's keys.
    /// The `aws` here is a stand-in that serves a local folder; the transformation itself is proven above.
    @Test func cleanDictionaryDataUsesTheOriginalsS3Keys() async throws {
        let scratch = try Scratch()
        try FileManager.default.copyItem(atPath: Self.root + "/data/dictionary", toPath: scratch.path + "/bucket")
        try scratch.write("aws", """
            #!/bin/sh
            # aws s3 cp SRC DST, with s3://b/ mapped to $BUCKET/ and - for stdin/stdout
            echo "$*" >> "$BUCKET/../calls"
            [ "$1 $2" = "s3 cp" ] || exit 9
            src=$(printf %s "$3" | sed "s|^s3://b/|$BUCKET/|"); dst=$(printf %s "$4" | sed "s|^s3://b/|$BUCKET/|")
            if [ "$src" = - ]; then mkdir -p "$(dirname "$dst")" && cat > "$dst"; else cat "$src"; fi
            """, executable: true)
        var environment = ProcessInfo.processInfo.environment
        environment["BUCKET"] = scratch.path + "/bucket"
        let result = try await Command.run("/usr/bin/env", ["python3", Self.clean, "--aws", scratch.path + "/aws", "s3://b"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let calls = try String(contentsOfFile: scratch.path + "/calls", encoding: .utf8).split(separator: "\n")
        #expect(calls == [
            "s3 cp s3://b/unclean/site/initialOrganisation.json -", "s3 cp - s3://b/site/initialOrganisation.json",
            "s3 cp s3://b/unclean/site/initialOrganisation-NorthernIreland.json -", "s3 cp - s3://b/site/initialOrganisation-NorthernIreland.json",
            "s3 cp s3://b/unclean/data/address/initialDeliveryUnitAddresses.json -", "s3 cp - s3://b/address_tagged/initialDeliveryUnitAddresses_tagged.json",
            "s3 cp s3://b/unclean/data/address/initialDeliveryUnitAddresses.json -", "s3 cp - s3://b/data/address/initialDeliveryUnitAddresses.json",
        ])
        #expect(try bytes(scratch.path + "/bucket/address_tagged/initialDeliveryUnitAddresses_tagged.json").starts(with: Data(#"{"addresses" : ["#.utf8)))
    }

    /// The AWS CLI on PATH, if any (EMR has one; so do developer machines with the project's Python set up).
    static let awsCLI: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        .map { $0 + "/aws" }.first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The real `aws s3 cp` against moto_server (scripts/services/moto): the script reads the pretty-printed files
    /// from S3 and writes the original's four objects, which are read back and checked.
    @Test(.enabled(if: LiveServer.available("PDM_TEST_MOTO_URL") && awsCLI != nil, "moto_server not running or no aws CLI"))
    func cleanDictionaryDataOnS3ThroughTheAWSCLI() async throws {
        let aws = try #require(Self.awsCLI)
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_ENDPOINT_URL"] = try #require(LiveServer.value("PDM_TEST_MOTO_URL"))
        environment["AWS_ACCESS_KEY_ID"] = LiveServer.value("PDM_TEST_MOTO_ACCESS_KEY_ID")
        environment["AWS_SECRET_ACCESS_KEY"] = LiveServer.value("PDM_TEST_MOTO_SECRET_ACCESS_KEY")
        environment["AWS_DEFAULT_REGION"] = LiveServer.value("PDM_TEST_MOTO_REGION") ?? "us-east-1"
        let bucket = "pdm-dictionary-\(UUID().uuidString.lowercased().prefix(8))"
        let prefix = "s3://\(bucket)/common-model-inputs"
        func awsRun(_ arguments: [String]) async throws -> CommandResult { try await Command.run(aws, arguments, environment: environment) }
        #expect(try await awsRun(["s3", "mb", "s3://" + bucket]).status == 0)
        #expect(try await awsRun(["s3", "cp", "--recursive", Self.root + "/data/dictionary", prefix]).status == 0)

        let result = try await Command.run("/usr/bin/env", ["python3", Self.clean, "--aws", aws, prefix], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        func object(_ key: String) async throws -> Data { Data(try await awsRun(["s3", "cp", prefix + "/" + key, "-"]).stdout.utf8) }
        let addresses = try bytes(Self.root + "/data/dictionary/unclean/data/address/initialDeliveryUnitAddresses.json")
        for name in ["initialOrganisation.json", "initialOrganisation-NorthernIreland.json"] {
            let output = try await object("site/" + name)
            #expect(!output.isEmpty && !output.contains(UInt8(ascii: "\n")))
            #expect(try json(output) == json(bytes(Self.root + "/data/dictionary/unclean/site/" + name)))
        }
        let tagged = try await object("address_tagged/initialDeliveryUnitAddresses_tagged.json")
        #expect(!tagged.contains(UInt8(ascii: "\n")))
        #expect(((try json(tagged) as? [String: Any])?["addresses"] as? NSObject) == (try json(addresses)))
        #expect(try await object("data/address/initialDeliveryUnitAddresses.json") == addresses)
    }

    /// Every table of the list is unlocked with the DummyTxnManager; failures ("not locked") are reported and ignored.
    @Test func unlockPassIgnoresFailuresAndTriesEveryTable() async throws {
        let scratch = try Scratch()
        try scratch.write("hive", """
            #!/bin/sh
            echo "$*" >> "$CALLS"
            case "$4" in *agent_dim_v|*site_dim_v) echo "FAILED: SemanticException Table uc.x is not locked"; exit 1;; esac
            """, executable: true)
        var environment = ProcessInfo.processInfo.environment
        environment["CALLS"] = scratch.path + "/calls"
        let list = Self.root + "/sql/pdm_tables/pdm_table_names.txt"
        let result = try await Command.run("/usr/bin/env", ["python3", Self.unlock, "--parallelism", "3", "--hive", scratch.path + "/hive", "uc", list], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let tables = try String(contentsOfFile: list, encoding: .utf8).split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
        let calls = try String(contentsOfFile: scratch.path + "/calls", encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(Set(calls) == Set(tables.map { "--hiveconf hive.txn.manager=org.apache.hadoop.hive.ql.lockmgr.DummyTxnManager -e UNLOCK TABLE uc.\($0)" }))
        #expect(calls.count == tables.count)
        #expect(result.stdout.contains("uc.agent_dim_v: not unlocked (exit 1; ignored)"))
        #expect(result.stdout.contains("unlock pass: \(tables.count - 2) of \(tables.count) tables unlocked"))
        // No hive at all is ignored too; only a pipeline mistake (no list file) is an error.
        #expect(try await Command.run("/usr/bin/env", ["python3", Self.unlock, "--hive", scratch.path + "/none", "uc", list]).status == 0)
        #expect(try await Command.run("/usr/bin/env", ["python3", Self.unlock, "uc", scratch.path + "/missing.txt"]).status == 2)
    }
}
