import Diagnostics
import Foundation
import PipelineCheck
import PipelineDSL
import PipelinePlan
import Testing

/// Every stage's `catalogue` (the ids table the README points at) lists each id once, in kebab-case, and
/// includes every id the golden files show.
@Suite struct MessageCatalogueTests {
    static let domains: [(String, [(id: String, severity: DiagnosticSeverity)])] = [
        (LexerMessage.domain, LexerMessage.catalogue), (ParserMessage.domain, ParserMessage.catalogue),
        (BuilderMessage.domain, BuilderMessage.catalogue), (PlanMessage.domain, PlanMessage.catalogue),
        (CheckMessage.domain, CheckMessage.catalogue),
    ]

    static var allIDs: [String] { domains.flatMap { domain, catalogue in catalogue.map { "\(domain).\($0.id)" } } }

    @Test func idsAreUniqueAndKebabCase() {
        #expect(Set(Self.allIDs).count == Self.allIDs.count)
        #expect(Self.allIDs.allSatisfy { $0.range(of: #"^[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*$"#, options: .regularExpression) != nil })
        #expect(Self.domains.map(\.0) == ["lex", "parse", "build", "plan", "check"])
    }

    @Test func everyIdInTheGoldenFilesIsCatalogued() throws {
        let folder = PlanBuilder.fixtures.deletingLastPathComponent().appendingPathComponent("diagnostics")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".expected") }
        var seen = Set<String>()
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                if let match = line.range(of: #"\[[a-z]+\.[a-z0-9-]+\]$"#, options: .regularExpression) {
                    seen.insert(String(line[match].dropFirst().dropLast()))
                }
            }
        }
        #expect(seen.count > 10)
        #expect(seen.subtracting(Self.allIDs).isEmpty, "not catalogued: \(seen.subtracting(Self.allIDs).sorted())")
    }

    @Test func aMessageIdIsItsDomainAndCode() {
        #expect(PlanMessage.emptyGlob("x", "sql").diagnosticID.description == "plan.empty-glob")
        #expect(CheckMessage.race(table: "t", place: "p", at: SourceLocation(file: "f", line: 1, column: 1)).diagnosticID.description == "check.race")
        #expect(Self.allIDs.contains(PlanMessage.emptyGlob("x", "sql").diagnosticID.description))
    }
}
