import Foundation
import Testing
import TestSupport

/// `--version` names the version and the commit the binary was built from, so an operator can tell which build a
/// cluster runs; `scripts/release` names the tarball after the first word.
@Suite struct VersionCommandTests {
    @Test func versionNamesTheCommit() async throws {
        let r = try await Command.run(Command.product("pdm-pipeline"), ["--version"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(r.status == 0)
        let line = r.stdout.trimmingCharacters(in: .newlines)
        #expect(line.range(of: #"^[0-9]+\.[0-9]+\.[0-9]+ \(commit ([0-9a-f]{12}(\+changes)?|unknown)\)$"#, options: .regularExpression) != nil, "\(line)")
    }
}
