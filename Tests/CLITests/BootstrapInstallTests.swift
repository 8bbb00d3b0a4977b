import Foundation
import Testing
import TestSupport

/// deploy/emr/bootstrap-install.sh against a local folder standing in for S3 (and a stand-in `aws` for s3:// URLs),
/// installing under a scratch PDM_INSTALL_ROOT.
@Suite struct BootstrapInstallTests {
    static let script = LiveServer.repositoryRoot.appendingPathComponent("deploy/emr/bootstrap-install.sh").path

    /// A scratch "S3" folder with a release-shaped tarball, and an install root.
    struct Scene {
        let base: URL
        var bucket: URL { base.appendingPathComponent("bucket") }
        var root: URL { base.appendingPathComponent("root") }
        let version: String
        var tarball: URL { bucket.appendingPathComponent("pdm-pipeline-\(version)-linux-x86_64.tar.gz") }
        var installed: URL { root.appendingPathComponent("opt/pdm-pipeline/\(version)") }

        init(version: String = "1.2.3", needed: [String] = ["libc.so.6"], tamper: Bool = false) async throws {
            base = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-bootstrap-\(UUID().uuidString)")
            self.version = version
            try FileManager.default.createDirectory(at: base.appendingPathComponent("bucket"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: base.appendingPathComponent("root"), withIntermediateDirectories: true)
            let top = "pdm-pipeline-\(version)"
            let manifest = (["version: \(version)"] + needed.map { "needed: \($0)" }).joined(separator: "\n")
            let build = """
                set -e
                cd "$1"; mkdir -p "\(top)/bin" "\(top)/pipelines"
                printf '#!/bin/sh\\necho pdm-pipeline \(version)\\n' > "\(top)/bin/pdm-pipeline"; chmod +x "\(top)/bin/pdm-pipeline"
                echo 'pipeline "x"' > "\(top)/pipelines/pdm.pipe"
                printf '%s\\n' '\(manifest)' > "\(top)/MANIFEST"
                (cd "\(top)" && sha256sum bin/pdm-pipeline pipelines/pdm.pipe MANIFEST > SHA256SUMS)
                \(tamper ? "echo changed >> \"\(top)/pipelines/pdm.pipe\"" : "")
                tar -czf "bucket/\(top)-linux-x86_64.tar.gz" "\(top)"
                (cd bucket && sha256sum "\(top)-linux-x86_64.tar.gz" > "\(top)-linux-x86_64.tar.gz.sha256")
                """
            let r = try await Command.run("/bin/bash", ["-c", build, "build", base.path])
            guard r.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: ["stderr": r.stderr]) }
        }

        var sha256: String {
            get throws { String(try String(contentsOf: URL(fileURLWithPath: tarball.path + ".sha256"), encoding: .utf8).prefix(64)) }
        }

        func install(_ arguments: [String], path: String = "/usr/bin:/bin:/usr/sbin:/sbin") async throws -> CommandResult {
            try await Command.run("/bin/bash", [BootstrapInstallTests.script] + arguments, environment: ["PATH": path, "PDM_INSTALL_ROOT": root.path])
        }

        func read(_ relative: String) -> String? { try? String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8) }
        func link(_ relative: String) -> String? { try? FileManager.default.destinationOfSymbolicLink(atPath: root.appendingPathComponent(relative).path) }
        func remove() { try? FileManager.default.removeItem(at: base) }
    }

    @Test func installsVerifiesAndWritesTheEnvironment() async throws {
        let s = try await Scene()
        defer { s.remove() }
        let r = try await s.install([s.tarball.path, "prod", try s.sha256])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("installed pdm-pipeline 1.2.3"))
        #expect(FileManager.default.isExecutableFile(atPath: s.installed.appendingPathComponent("bin/pdm-pipeline").path))
        #expect(s.link("opt/pdm-pipeline/current") == "1.2.3")
        #expect(s.link("usr/local/bin/pdm-pipeline") == "/opt/pdm-pipeline/current/bin/pdm-pipeline")
        #expect(s.read("etc/pdm-pipeline/environment") == "production\n")
    }

    @Test func aSecondRunDownloadsNothingAndMayChangeTheEnvironment() async throws {
        let s = try await Scene()
        defer { s.remove() }
        let sha = try s.sha256
        #expect(try await s.install(["file://" + s.tarball.path, "qa", sha]).status == 0)
        try FileManager.default.removeItem(at: s.tarball)  // a download now would fail
        let again = try await s.install(["file://" + s.tarball.path, "integration", sha])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("already installed"))
        #expect(s.read("etc/pdm-pipeline/environment") == "integration\n")
    }

    @Test func theChecksumNextToTheTarballIsUsedWhenNoneIsGiven() async throws {
        let s = try await Scene()
        defer { s.remove() }
        let r = try await s.install([s.tarball.path, "development"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(s.read("opt/pdm-pipeline/1.2.3/.tarball.sha256") == (try s.sha256) + "\n")
    }

    @Test func aWrongChecksumInstallsNothing() async throws {
        let s = try await Scene()
        defer { s.remove() }
        let r = try await s.install([s.tarball.path, "production", String(repeating: "0", count: 64)])
        #expect(r.status == 1)
        #expect(r.stderr.contains("checksum mismatch for pdm-pipeline-1.2.3-linux-x86_64.tar.gz"))
        #expect(!FileManager.default.fileExists(atPath: s.root.appendingPathComponent("opt").path))
        #expect(s.read("etc/pdm-pipeline/environment") == nil)
    }

    @Test func contentsThatDoNotMatchTheirSumsAreRefused() async throws {
        let s = try await Scene(tamper: true)
        defer { s.remove() }
        let r = try await s.install([s.tarball.path, "production", try s.sha256])
        #expect(r.status == 1)
        #expect(r.stderr.contains("contents do not match its SHA256SUMS"))
        #expect(!FileManager.default.fileExists(atPath: s.installed.path))
    }

    @Test func aHostWithoutAManifestLibraryIsRefused() async throws {
        let s = try await Scene(needed: ["libc.so.6", "libpdm-not-here.so.9"])
        defer { s.remove() }
        let r = try await s.install([s.tarball.path, "production", try s.sha256])
        #expect(r.status == 1)
        #expect(r.stderr.contains("this host lacks libpdm-not-here.so.9"))
        #expect(!FileManager.default.fileExists(atPath: s.installed.path))
    }

    @Test func unknownEnvironmentsAndOddNamesAreRefused() async throws {
        let s = try await Scene()
        defer { s.remove() }
        let local = try await s.install([s.tarball.path, "local"])
        #expect(local.status == 1)
        #expect(local.stderr == "bootstrap-install: unknown environment 'local': expected development|qa|integration|preprod|production\n")
        let odd = try await s.install([s.bucket.appendingPathComponent("something.tar.gz").path, "qa"])
        #expect(odd.status == 1)
        #expect(odd.stderr == "bootstrap-install: not a release tarball name: something.tar.gz\n")
    }

    /// s3:// goes through `aws s3 cp` (here a stand-in that copies out of the bucket folder and logs its argv).
    @Test func s3URLsAreFetchedWithTheAWSCLI() async throws {
        let s = try await Scene()
        defer { s.remove() }
        let bin = s.base.appendingPathComponent("fake-bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let log = s.base.appendingPathComponent("aws.log").path
        try """
            #!/bin/bash
            echo "$*" >> "\(log)"
            [ "$1 $2 $3" = "s3 cp --only-show-errors" ] || exit 2
            cp "\(s.bucket.path)/${4#s3://releases/pdm/}" "$5"
            """.write(to: bin.appendingPathComponent("aws"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.appendingPathComponent("aws").path)
        let r = try await s.install(["s3://releases/pdm/pdm-pipeline-1.2.3-linux-x86_64.tar.gz", "preprod"], path: bin.path + ":/usr/bin:/bin:/usr/sbin:/sbin")
        #expect(r.status == 0, "\(r.stderr)")
        let calls = (try String(contentsOf: URL(fileURLWithPath: log), encoding: .utf8)).split(separator: "\n").map { $0.split(separator: " ").prefix(4).joined(separator: " ") }
        #expect(calls == [
            "s3 cp --only-show-errors s3://releases/pdm/pdm-pipeline-1.2.3-linux-x86_64.tar.gz.sha256",
            "s3 cp --only-show-errors s3://releases/pdm/pdm-pipeline-1.2.3-linux-x86_64.tar.gz",
        ])
        #expect(s.read("etc/pdm-pipeline/environment") == "preprod\n")
    }
}
