import PipelineDSL
import PipelinePlan

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// libFuzzer's entry point (built only with `-sanitize=fuzzer`; see `scripts/fuzz`). Every input is planned as a
/// pipeline file; a broken promise is an abort, which libFuzzer records as a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    PlannerFuzz.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// libFuzzer's driver, from the sanitizer runtime that `-sanitize=fuzzer` links.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// SwiftPM links an executable target with `main` renamed to `<target>_main` (so tests can link it), and
/// `-parse-as-library` leaves no top-level code to provide it; this is that entry point, handing over to
/// libFuzzer's own driver (so libFuzzer's flags work as usual).
@_cdecl("pdm_fuzz_main")
public func pdmFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}

/// The promises checked on every input, through lexer, parser and planner:
/// - planning returns a plan or throws `.invalid` with at least one error (never a plan with errors);
/// - every diagnostic (error or warning) names a file the planner read, at a line and column inside it;
/// - rendering the diagnostics works.
/// Planning runs against an in-memory SQL root (`PlanFileSystem.memory`), so no input can read or walk the
/// machine; the tree has a few SQL files and list files, and the input itself is `f.pipe` in it, so
/// `each_line "f.pipe"` validates the input's own lines.
enum PlannerFuzz {
    static let root = "/fuzz"
    static let pipe = root + "/f.pipe"

    static let tree: [String: [UInt8]] = [
        root + "/a.sql": Array("SELECT 1;\n".utf8),
        root + "/sub/b.1.sql": Array("SELECT ${x};\n".utf8),
        root + "/sub/deep/c.2.sql": Array("SELECT 2;\n".utf8),
        root + "/list.txt": Array("agent_dim\n  site_dim\n# comment\n\nteam_dim\r\n".utf8),
        root + "/hostile.txt": Array("ok\nx; DROP DATABASE uc CASCADE\n${env:AWS_SECRET_ACCESS_KEY}\n\u{1B}[2J\n".utf8),
        root + "/qualified.txt": Array("uc.a\nuc.b\n".utf8),
        root + "/empty.txt": Array("# nothing\n".utf8),
        root + "/latin1.txt": [0x61, 0x0A, 0xE9, 0x0A],
    ]

    static func run(_ bytes: [UInt8]) {
        // Planner.plan(request) rejects a pipeline file that is not UTF-8 before lexing; so does this target.
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        var files = tree
        files[pipe] = bytes
        var request = PlanRequest(PlanArguments(file: pipe), workingDirectory: root, today: "2026-01-01")
        request.fileSystem = .memory(files)
        // Half the inputs as `check` plans them (input problems deferred), half as `plan`/`run` do.
        request.deferInputErrors = bytes.count % 2 == 1
        do {
            let result = try Planner.plan(request, source: text)
            if let bad = result.warnings.first(where: { $0.severity == .error }) { fail("a plan was returned with an error: \(bad)", text) }
            var widths = Widths(result.sources)
            for d in result.warnings { check(d, &widths, text) }
            _ = PlanFailure.invalid(diagnostics: result.warnings, sources: result.sources).rendered()
        } catch {
            guard case .invalid(let diagnostics, let sources) = error else { fail("rejected without diagnostics: \(error)", text) }
            guard diagnostics.hasErrors else { fail("rejected, but no diagnostic is an error: \(diagnostics)", text) }
            var widths = Widths(sources)
            for d in diagnostics { check(d, &widths, text) }
            _ = error.rendered(colour: true)
        }
    }

    /// Line widths (in scalars) per file, computed once per input.
    struct Widths {
        let sources: [String: String]
        var cache: [String: [Int]] = [:]

        init(_ sources: [String: String]) { self.sources = sources }

        mutating func of(_ file: String) -> [Int]? {
            if let w = cache[file] { return w }
            guard let text = sources[file] else { return nil }
            let w = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map(\.count)
            cache[file] = w
            return w
        }
    }

    /// `file:line:col` must point into a file the planner read: the line exists, the column is on it (or just
    /// past its end, for "expected ... at end of line").
    static func check(_ d: Diagnostic, _ widths: inout Widths, _ input: String) {
        let at = d.range.start
        guard let lines = widths.of(at.file) else { fail("diagnostic in a file the planner did not read: \(d)", input) }
        guard at.line >= 1, at.line <= lines.count else { fail("line \(at.line) outside 1...\(lines.count): \(d)", input) }
        let width = lines[at.line - 1]
        guard at.column >= 1, at.column <= width + 1 else { fail("column \(at.column) outside 1...\(width + 1) of line \(at.line): \(d)", input) }
        guard d.range.length >= 1 else { fail("empty range: \(d)", input) }
    }

    static func fail(_ message: String, _ input: String) -> Never {
        let report = "pdm-fuzz: \(message)\n--- input ---\n\(input)\n-------------\n"
        var bytes = Array(report.utf8)
        _ = write(2, &bytes, bytes.count)
        abort()
    }
}
