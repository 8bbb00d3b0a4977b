import Foundation
import PipelineDSL
import PipelinePlan
import Testing
import TestSupport

/// No input may crash or hang the lexer, parser or planner. Mutates every file of the kept corpus
/// (`Tests/Fixtures/fuzz-corpus/`) many times with a fixed seed, so a failure reproduces exactly;
/// add any input that ever broke something to the corpus.
@Suite struct FuzzTests {
    static let corpus = LiveServer.repositoryRoot.appendingPathComponent("Tests/Fixtures/fuzz-corpus")

    static let fragments = [
        "{", "}", "\"", "\"\"\"", "${", "}", "${x}", "when", "step", "wave", "[", "]", "(", ")", ",", "=", "==", "!=",
        "\\", "\n", "#", "not", "and", "or", "5s", "12x", "env(", "each_line", "as", "\u{0}", "é", "🙂", "\t", "param", "profile",
    ]

    func mutate(_ text: String, _ rng: inout SeededRandom) -> String {
        var scalars = Array(text.unicodeScalars)
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            let at = scalars.isEmpty ? 0 : Int.random(in: 0..<scalars.count, using: &rng)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0 where !scalars.isEmpty: scalars.remove(at: at)
            case 1: scalars.insert(contentsOf: Self.fragments.randomElement(using: &rng)!.unicodeScalars, at: at)
            case 2 where !scalars.isEmpty: scalars[at] = Unicode.Scalar(UInt8.random(in: 1...127, using: &rng))
            case 3: scalars = Array(scalars.prefix(at))
            default:
                let end = min(scalars.count, at + Int.random(in: 1...40, using: &rng))
                scalars.insert(contentsOf: scalars[at..<end], at: at)
            }
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out)
    }

    @Test func corpusMutationsNeverCrashAndDiagnosticsPointInsideTheFile() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).filter { $0.hasSuffix(".pipe") }.sorted()
        #expect(files.count >= 8)
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-fuzz-\(getpid())")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        var rng = SeededRandom(seed: 20_261_121)
        var runs = 0, rejected = 0
        for name in files {
            let original = try String(contentsOf: Self.corpus.appendingPathComponent(name), encoding: .utf8)
            for _ in 0..<300 {
                let text = mutate(original, &rng)
                let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count + 1
                let request = PlanRequest(PlanArguments(file: empty.appendingPathComponent("f.pipe").path), today: "2026-01-01")
                do {
                    _ = try Planner.plan(request, source: text)
                } catch {
                    rejected += 1
                    if case .invalid(let diagnostics, _) = error {
                        #expect(!diagnostics.isEmpty)
                        for d in diagnostics {
                            #expect(d.range.start.line >= 1 && d.range.start.line <= lineCount, "\(d) in:\n\(text)")
                            #expect(d.range.start.column >= 1)
                        }
                        _ = error.rendered()
                    }
                }
                runs += 1
            }
        }
        #expect(runs == files.count * 300)
        #expect(rejected > runs / 2, "mutations should mostly produce invalid files")
    }
}
