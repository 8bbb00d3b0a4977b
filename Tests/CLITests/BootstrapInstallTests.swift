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

        /// `realBinary`: bin/pdm-pipeline runs this checkout's build and pipelines/ is this checkout's, so the
        /// bootstrap's `check` is the real one; otherwise a stand-in that prints its version.
        init(version: String = "1.2.3", needed: [String] = ["libc.so.6"], tamper: Bool = false, realBinary: Bool = false) async throws {
            base = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-bootstrap-\(UUID().uuidString)")
            self.version = version
            try FileManager.default.createDirectory(at: base.appendingPathComponent("bucket"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: base.appendingPathComponent("root"), withIntermediateDirectories: true)
            let top = "pdm-pipeline-\(version)"
            let manifest = (["version: \(version)"] + needed.map { "needed: \($0)" }).joined(separator: "\n")
            let repository = LiveServer.repositoryRoot.path
            let contents = realBinary
                ? """
                    printf '#!/bin/sh\\nexec %s "$@"\\n' '\(Command.product("pdm-pipeline"))' > "\(top)/bin/pdm-pipeline"
                    cp -R '\(repository)/pipelines/.' "\(top)/pipelines/"
                    """
                : """
                    printf '#!/bin/sh\\necho pdm-pipeline \(version)\\n' > "\(top)/bin/pdm-pipeline"
                    echo 'pipeline "x"' > "\(top)/pipelines/pdm.pipe"
                    """
            let build = """
                set -e
                cd "$1"; mkdir -p "\(top)/bin" "\(top)/pipelines"
                \(contents)
                chmod +x "\(top)/bin/pdm-pipeline"
                mkdir -p "\(top)/share/man/man1" "\(top)/share/bash-completion/completions"
                echo '.Dt PDM-PIPELINE 1' > "\(top)/share/man/man1/pdm-pipeline.1"
                echo 'complete -F _pdm-pipeline pdm-pipeline' > "\(top)/share/bash-completion/completions/pdm-pipeline"
                printf '%s\\n' '\(manifest)' > "\(top)/MANIFEST"
                (cd "\(top)" && find . -type f ! -name SHA256SUMS | sed 's|^\\./||' | sort | xargs sha256sum > SHA256SUMS)
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

        /// A data product's SQL release in the bucket, from this checkout's sql/: `NAME.zip` in the dataworks-pdm
        /// layout (src/main/resources/scripts/...), or `NAME.tar.gz` with one top folder. `edit` runs in the SQL
        /// root first (to break it). Returns its URL and SHA-256.
        func sqlRelease(_ name: String, zip: Bool = true, edit: String = "") async throws -> (url: String, sha256: String) {
            let inner = zip ? "src/main/resources/scripts" : name
            let archive = bucket.appendingPathComponent(name + (zip ? ".zip" : ".tar.gz")).path
            let build = """
                set -e
                work=$(mktemp -d -p "$1"); mkdir -p "$work/\(inner)"
                cp -R '\(LiveServer.repositoryRoot.path)/sql/.' "$work/\(inner)/"
                (cd "$work/\(inner)" && \(edit.isEmpty ? "true" : edit))
                cd "$work"
                \(zip ? "zip -qr '\(archive)' src" : "tar -czf '\(archive)' '\(name)'")
                sha256sum '\(archive)' | cut -c1-64
                """
            let r = try await Command.run("/bin/bash", ["-c", build, "build", base.path])
            guard r.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: ["stderr": r.stderr]) }
            return (archive, r.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        }

        /// An RDS-style CA bundle in the bucket, with its SHA-256.
        func caBundle(_ text: String = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n") async throws -> (url: String, sha256: String) {
            let file = bucket.appendingPathComponent("global-bundle.pem")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let r = try await Command.run("/usr/bin/sha256sum", [file.path])
            return (file.path, String(r.stdout.prefix(64)))
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
        // The manual page and the completions the release ships, where man and bash-completion look.
        #expect(s.link("usr/local/share/man/man1/pdm-pipeline.1") == "/opt/pdm-pipeline/current/share/man/man1/pdm-pipeline.1")
        #expect(s.link("usr/local/share/bash-completion/completions/pdm-pipeline")
            == "/opt/pdm-pipeline/current/share/bash-completion/completions/pdm-pipeline")
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

    /// The data product's SQL release and the RDS CA bundle, installed as the binary is (pinned SHA-256, renamed into
    /// place, idempotent); the real `pdm-pipeline check --strict` of pdm.pipe against the installed SQL passes.
    @Test(.timeLimit(.minutes(3)))
    func installsTheSQLReleaseAndTheCABundleAndChecksThePipelineAgainstIt() async throws {
        let s = try await Scene(realBinary: true)
        defer { s.remove() }
        let sql = try await s.sqlRelease("dataworks-pdm-1.0.7")
        let ca = try await s.caBundle()
        let arguments = [s.tarball.path, "production", try s.sha256, "--sql", "file://" + sql.url, sql.sha256, "--ca-bundle", ca.url, ca.sha256]
        let r = try await s.install(arguments)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("installed SQL release dataworks-pdm-1.0.7 in \(s.root.path)/opt/pdm-pipeline/sql/dataworks-pdm-1.0.7"))
        #expect(s.link("opt/pdm-pipeline/sql/current") == "dataworks-pdm-1.0.7/src/main/resources/scripts")
        #expect(s.read("opt/pdm-pipeline/sql/current/pdm_tables/pdm_table_names.txt")?.contains("site_dim_v") == true)
        #expect(s.read("etc/pki/rds/global-bundle.pem")?.hasPrefix("-----BEGIN CERTIFICATE-----") == true)
        let mode = try FileManager.default.attributesOfItem(atPath: s.root.appendingPathComponent("etc/pki/rds/global-bundle.pem").path)[.posixPermissions] as? Int
        #expect(mode == 0o644)
        #expect(r.stdout.contains("bootstrap-install: pdm-pipeline check of pipelines/pdm.pipe against dataworks-pdm-1.0.7: 0 errors, 0 warnings"))

        // Again, with nothing left to download: everything is already there.
        try FileManager.default.removeItem(atPath: sql.url)
        try FileManager.default.removeItem(atPath: ca.url)
        try FileManager.default.removeItem(at: s.tarball)
        let again = try await s.install(arguments)
        #expect(again.status == 0, "\(again.stderr)")
        for line in ["pdm-pipeline 1.2.3 already installed", "SQL release dataworks-pdm-1.0.7 already installed", "CA bundle already installed"] {
            #expect(again.stdout.contains(line), "\(line)")
        }
    }

    /// A finding in the installed SQL fails the bootstrap action (the cluster stops before any step), with check's
    /// report: an unbound hivevar, a missing file.
    @Test(.timeLimit(.minutes(3)), arguments: [
        ("sed -i 's/hivevar:model_database}/hivevar:model_databse}/' model/team_dim.1.sql", "check.unbound-hivevar"),
        ("rm db/create_db.sql", "check.missing-file"),
    ])
    func aSQLReleaseWithFindingsFailsTheBootstrap(edit: String, finding: String) async throws {
        let s = try await Scene(realBinary: true)
        defer { s.remove() }
        let sql = try await s.sqlRelease("dataworks-pdm-1.0.8", edit: edit)
        let r = try await s.install([s.tarball.path, "qa", try s.sha256, "--sql", sql.url, sql.sha256])
        #expect(r.status == 1)
        #expect(r.stderr.contains("[\(finding)]"), "\(r.stderr)")
        #expect(r.stderr.hasSuffix(
            "bootstrap-install: the SQL release dataworks-pdm-1.0.8 fails pdm-pipeline check of pipelines/pdm.pipe (above): the cluster stops before any step\n"))
    }

    /// A tarball with one top folder is the SQL root; a wrong checksum or a bundle that is not PEM installs nothing.
    @Test func otherSQLLayoutsAndBadInputs() async throws {
        let s = try await Scene()
        defer { s.remove() }
        let tar = try await s.sqlRelease("product-sql-2.1", zip: false)
        let ok = try await s.install([s.tarball.path, "qa", "--sql", tar.url, tar.sha256])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(s.link("opt/pdm-pipeline/sql/current") == "product-sql-2.1/product-sql-2.1")

        let other = try await s.sqlRelease("product-sql-2.2")
        let wrong = try await s.install([s.tarball.path, "qa", "--sql", other.url, String(repeating: "0", count: 64)])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("checksum mismatch for product-sql-2.2.zip"))
        #expect(!FileManager.default.fileExists(atPath: s.root.appendingPathComponent("opt/pdm-pipeline/sql/product-sql-2.2").path))

        let bad = try await s.caBundle("not a certificate\n")
        let refused = try await s.install([s.tarball.path, "qa", "--ca-bundle", bad.url, bad.sha256])
        #expect(refused.status == 1)
        #expect(refused.stderr == "bootstrap-install: global-bundle.pem holds no PEM certificate\n")
        #expect(s.read("etc/pki/rds/global-bundle.pem") == nil)

        let odd = try await s.install([s.tarball.path, "qa", "--sql", s.bucket.appendingPathComponent("sql.rar").path])
        #expect(odd.stderr == "bootstrap-install: not an SQL release archive name (NAME-VERSION.zip or .tar.gz): sql.rar\n")
    }
}
