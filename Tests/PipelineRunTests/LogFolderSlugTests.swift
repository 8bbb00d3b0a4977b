import Foundation
@testable import PipelineRun
import Testing

/// A task's log name comes from its file name through `LogFolder.slug`; the ASCII path (bytes) must name every
/// task exactly as the general one (Unicode letters and digits) does.
@Suite struct LogFolderSlugTests {
    @Test func knownNames() {
        #expect(LogFolder.slug("w01/t0001.sql") == "w01_t0001.sql")
        #expect(LogFolder.slug("..hidden name.sql..") == "hidden_name.sql")
        #expect(LogFolder.slug("...") == "_")
        #expect(LogFolder.slug("") == "_")
        #expect(LogFolder.slug("a b;c$(rm -rf)") == "a_b_c__rm_-rf_")
        #expect(LogFolder.slug("café/ñandú.sql") == "café_ñandú.sql")  // the general path: letters of any script
        #expect(LogFolder.slug(String(repeating: "x", count: 300)).count == 120)
    }

    @Test func theASCIIPathAgreesWithTheGeneralOne() {
        let alphabet = Array("aZ09-._/ .$\t\n\u{7f}\u{1}!~")
        var generator = SystemRandomNumberGenerator()
        var mismatches: [String] = []
        for _ in 0..<5_000 {
            let length = Int.random(in: 0...160, using: &generator)
            let name = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            if LogFolder.slug(name) != LogFolder.unicodeSlug(name) { mismatches.append(name.debugDescription) }
        }
        #expect(mismatches.count == 0, "first: \(mismatches.prefix(3))")
    }
}
