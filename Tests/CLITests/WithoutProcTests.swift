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

/// The binary where /proc is not mounted. It used to see no arguments (Swift's `CommandLine` reads
/// /proc/self/cmdline on Linux), print the help and exit 0 having run nothing, or die at random (SIGILL: Dispatch's
/// thread pool reads /proc/<thread>/stat). Now every command stops at once: one line, exit 2, nothing written.
@Suite(.enabled("needs unshare with a mount namespace (root, or unprivileged user namespaces)") {
    try await HiddenProc.run(["/bin/true"]).status == 0 || LiveServer.isCI
})
struct WithoutProcTests {
    let binary = Command.product("pdm-pipeline")
    static let line = "pdm-pipeline: /proc is not mounted (cannot read /proc/self/stat); the Swift runtime's thread pool needs it: mount it (mount -t proc proc /proc)\n"

    @Test(arguments: [
        ["--version"],
        ["plan", "pipelines/pdm.pipe", "--profile", "production", "--correlation-id", "c-1", "--s3-prefix", "p"],
        ["check", "pipelines/pdm.pipe"],
        ["preflight", "--metastore-host", "127.0.0.1", "--metastore-database", "d", "--metastore-user", "u"],
    ])
    func everyCommandStopsInOneLine(_ arguments: [String]) async throws {
        let r = try await HiddenProc.run([binary] + arguments)
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr == Self.line)
    }

    /// The thread pool's crash came at random; the check comes before any pool thread exists: 20 of 20.
    @Test func neverACrashInTwentyStarts() async throws {
        for _ in 0..<20 {
            let r = try await HiddenProc.run([binary, "--version"])
            #expect(r.status == 2)
        }
    }

    @Test func runWritesNoState() async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-noproc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let r = try await HiddenProc.run(
            [binary, "run", "pipelines/pdm.pipe", "--skip-preflight", "--state-dir", state.path, "--log-dir", state.appendingPathComponent("logs").path],
            environment: ["PATH": "/usr/bin:/bin", "PDM_LOG_FORMAT": "text"])
        #expect(r.status == 2)
        #expect(r.stderr == Self.line)
        #expect(!FileManager.default.fileExists(atPath: state.path))
    }

    /// The control: with /proc the same binary reads its arguments and works.
    @Test func withProcTheSameCommandWorks() async throws {
        let r = try await Command.run(binary, ["plan", "pipelines/pdm.pipe", "--profile", "production", "--correlation-id", "c-1", "--s3-prefix", "p"],
                                      environment: ["PATH": "/usr/bin:/bin"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("pipeline pdm-dataset-generation · product PDM · profile production\n"))
    }
}
