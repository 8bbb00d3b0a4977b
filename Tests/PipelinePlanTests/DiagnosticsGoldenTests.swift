import Foundation
import PipelinePlan
import Testing
import TestSupport

/// Each `Tests/Fixtures/diagnostics/NAME.pipe` is planned; its rendered diagnostics must equal NAME.expected.
/// Regenerate with UPDATE_GOLDEN=1 after checking the change is right.
@Suite struct DiagnosticsGoldenTests {
    static let folder = LiveServer.repositoryRoot.appendingPathComponent("Tests/Fixtures/diagnostics")

    static var fixtures: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".pipe") }.sorted()
    }

    @Test(arguments: fixtures) func diagnosticsMatchGolden(name: String) throws {
        let path = Self.folder.appendingPathComponent(name).path
        let source = try String(contentsOfFile: path, encoding: .utf8)
        let request = PlanRequest(PlanArguments(file: path), today: "2026-01-02")
        var rendered: String
        do {
            let result = try Planner.plan(request, source: source)
            rendered = PlanFailure.invalid(diagnostics: result.warnings, sources: result.sources).rendered()
        } catch {
            rendered = error.rendered()
        }
        rendered = rendered.replacingOccurrences(of: Self.folder.path + "/", with: "")
            .replacingOccurrences(of: Self.folder.path, with: "<fixtures>")
        let expectedURL = Self.folder.appendingPathComponent(name.replacingOccurrences(of: ".pipe", with: ".expected"))
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil {
            try rendered.write(to: expectedURL, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(rendered == expected)
    }

    @Test func everyFixtureHasAGoldenFile() {
        #expect(Self.fixtures.count >= 6)
    }
}
