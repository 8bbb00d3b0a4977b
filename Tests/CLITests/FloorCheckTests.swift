import Foundation
import Testing
import TestSupport

/// `scripts/lib/floor-check`, which scripts/release runs on every release binary, on small shared objects built
/// here with `cc` (a shared object has no `__libc_start_main`, so its floor is what its own calls need), and
/// `scripts/lib/glibc-compat.c`, which brings libm's re-versioned functions back to GLIBC_2.2.5.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/cc") || LiveServer.isCI, "needs cc"))
struct FloorCheckTests {
    static let root = LiveServer.repositoryRoot.path

    /// A scratch folder with `lib.so` built from `source` and `flags`.
    static func build(_ source: String, flags: [String] = []) async throws -> (dir: URL, lib: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-floor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try source.write(to: dir.appendingPathComponent("lib.c"), atomically: true, encoding: .utf8)
        let lib = dir.appendingPathComponent("lib.so").path
        let cc = try await Command.run("/usr/bin/cc", ["-shared", "-fPIC", "-O1", "-fno-builtin", "-o", lib, "lib.c"] + flags, directory: dir.path)
        try #require(cc.status == 0, "\(cc.stderr)")
        return (dir, lib)
    }

    static func check(_ lib: String, max: String = "2.26") async throws -> CommandResult {
        try await Command.run("\(root)/scripts/lib/floor-check", [lib], environment: ["PATH": "/usr/bin:/bin", "PDM_GLIBC_MAX": max])
    }

    static let math = "double exp(double); double pow(double, double); float logf(float);\n"
        + "double f(double x) { return exp(x) + pow(x, 2.5) + logf((float)x); }\n"

    @Test func libmAboveTheFloorIsRefusedByName() async throws {
        let (dir, lib) = try await Self.build(Self.math, flags: ["-lm"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try await Self.check(lib)
        #expect(r.status == 1)
        #expect(r.stderr.contains("needs GLIBC_2.29 from libm.so.6, above GLIBC_2.26: exp pow"), "\(r.stderr)")
        #expect(r.stderr.contains("needs GLIBC_2.27 from libm.so.6, above GLIBC_2.26: logf"), "\(r.stderr)")
        #expect(r.stdout == "")
    }

    @Test func glibcCompatPinsLibmToTheOriginalVersions() async throws {
        let (dir, lib) = try await Self.build(Self.math, flags: ["\(Self.root)/scripts/lib/glibc-compat.c", "-lm"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try await Self.check(lib)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("glibc: 2.2.5\n"), "\(r.stdout)")
        #expect(r.stdout.contains("needed: libm.so.6\n"))
    }

    /// glibc 2.28+ headers turn fcntl into fcntl64 under _FILE_OFFSET_BITS=64, as Connector/C is built.
    @Test func fcntl64IsRefusedAndGlibcCompatForwardsItToFcntl() async throws {
        let source = "#define _FILE_OFFSET_BITS 64\n#include <fcntl.h>\nint f(int fd) { return fcntl(fd, F_GETFL); }\n"
        let (dir, lib) = try await Self.build(source)
        defer { try? FileManager.default.removeItem(at: dir) }
        let refused = try await Self.check(lib)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("needs GLIBC_2.28 from libc.so.6, above GLIBC_2.26: fcntl64"), "\(refused.stderr)")
        let (pinnedDir, pinned) = try await Self.build(source, flags: ["\(Self.root)/scripts/lib/glibc-compat.c", "-lm"])
        defer { try? FileManager.default.removeItem(at: pinnedDir) }
        let accepted = try await Self.check(pinned)
        #expect(accepted.status == 0, "\(accepted.stderr)")
    }

    /// Debian's libcurl versions its symbols (CURL_OPENSSL_4), Amazon Linux's does not: a versioned reference
    /// would not load there.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/lib/x86_64-linux-gnu/libcurl.so") || LiveServer.isCI, "needs libcurl4-openssl-dev"))
    func aVersionedLibcurlReferenceIsRefused() async throws {
        let (dir, lib) = try await Self.build("void *curl_easy_init(void);\nvoid *f(void) { return curl_easy_init(); }\n", flags: ["-lcurl"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try await Self.check(lib)
        #expect(r.status == 1)
        #expect(r.stderr.contains("needs symbol version CURL_OPENSSL_4 of libcurl.so.4"), "\(r.stderr)")
    }

    @Test func aHostLibraryOutsideTheListIsRefused() async throws {
        let (dir, lib) = try await Self.build("int f(void) { return 1; }\n", flags: ["-Wl,--no-as-needed", "-lmariadb"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try await Self.check(lib)
        #expect(r.status == 1)
        #expect(r.stderr.contains("needs libmariadb.so.3 from the host"), "\(r.stderr)")
    }

    @Test func aRunpathOutsideOriginIsRefusedAndOriginIsAccepted() async throws {
        let (dir, lib) = try await Self.build("int f(void) { return 1; }\n", flags: ["-Wl,-rpath,/usr/local/lib"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try await Self.check(lib)
        #expect(r.status == 1)
        #expect(r.stderr.contains("RPATH/RUNPATH /usr/local/lib is not under $ORIGIN"), "\(r.stderr)")
        let (originDir, originLib) = try await Self.build("int f(void) { return 1; }\n", flags: ["-Wl,-rpath,$ORIGIN/../lib"])
        defer { try? FileManager.default.removeItem(at: originDir) }
        #expect(try await Self.check(originLib).status == 0)
    }
}
