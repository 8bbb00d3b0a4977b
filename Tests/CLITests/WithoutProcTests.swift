import Foundation
import Testing
import TestSupport

/// Runs a command in a mount namespace of its own with an empty tmpfs over /proc (`unshare`), as in a chroot or
/// sandbox without /proc.
enum HiddenProc {
    static func run(_ argv: [String], environment: [String: String] = ["PATH": "/usr/bin:/bin"]) async throws -> CommandResult {
        let user = getuid() == 0 ? [] : ["--user", "--map-root-user"]
        return try await Command.run(
            "/usr/bin/unshare", user + ["--mount", "--propagation", "private", "--", "/bin/sh", "-c",
                                        #"mount -t tmpfs none /proc || exit 97; [ ! -e /proc/self ] || exit 98; exec "$@""#, "sh"] + argv,
            environment: environment)
    }
}

/// The binary where /proc is not mounted: Swift's `CommandLine` reads /proc/self/cmdline on Linux, so every
/// command used to see no arguments, print the help and exit 0.
@Suite(.enabled("needs unshare with a mount namespace (root, or unprivileged user namespaces)") {
    try await HiddenProc.run(["/bin/true"]).status == 0 || LiveServer.isCI
})
struct WithoutProcTests {
    let binary = Command.product("pdm-pipeline")

    @Test func versionIsPrinted() async throws {
        let r = try await HiddenProc.run([binary, "--version"])
        #expect(r.status == 0)
        #expect(r.stdout.range(of: #"^[0-9][A-Za-z0-9._+-]*\n$"#, options: .regularExpression) != nil, "\(r.stdout)")
    }

    @Test func planSeesItsArguments() async throws {
        let r = try await HiddenProc.run([binary, "plan", "pipelines/pdm.pipe", "--profile", "production", "--correlation-id", "c-1", "--s3-prefix", "p"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("pipeline pdm-dataset-generation · product PDM · profile production\n"), "\(r.stdout)")
    }

    /// `run` needs /proc for its watchdog and the orphan search: one line, exit 2, and no state written.
    @Test func runRefusesInOneLineAndWritesNoState() async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-noproc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let r = try await HiddenProc.run(
            [binary, "run", "pipelines/pdm.pipe", "--skip-preflight", "--state-dir", state.path, "--log-dir", state.appendingPathComponent("logs").path],
            environment: ["PATH": "/usr/bin:/bin", "PDM_LOG_FORMAT": "text"])
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr.hasSuffix("cannot read /proc/self/exe: run needs /proc mounted (its watchdog and the search for an earlier run's leftover tasks read it)\n"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: state.path))
    }
}
