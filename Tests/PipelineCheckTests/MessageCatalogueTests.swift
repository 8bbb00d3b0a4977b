import Diagnostics
import Foundation
import PipelineCheck
import PipelineDSL
import PipelinePlan
import Testing
import TestSupport

/// Every stage's `catalogue` (the ids table docs/plan-and-check.md points at) lists each id once, in kebab-case, and
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

    /// The table of `check` findings (docs/plan-and-check.md) names every `check.*` id with its usual severity.
    @Test func theDocsListEveryCheckFinding() throws {
        let page = try String(contentsOf: LiveServer.repositoryRoot.appendingPathComponent("docs/plan-and-check.md"), encoding: .utf8)
        for (id, severity) in CheckMessage.catalogue {
            let row = page.split(separator: "\n").first { $0.hasPrefix("| ") && $0.contains("`check.\(id)`") && $0.contains("| \(severity) |") }
            #expect(row != nil, "docs/plan-and-check.md has no row for check.\(id) (\(severity))")
        }
    }

    @Test func aMessageSeverityIsItsCodesUnlessItsValuesSayOtherwise() {
        let at = SourceLocation(file: "f", line: 1, column: 1)
        #expect(CheckMessage.race(table: "t", place: "p", at: at).severity == .warning)
        #expect(CheckMessage.unboundHivevar("x", inComment: false, step: "s", binds: [], suggestion: nil).severity == .error)
        #expect(CheckMessage.unboundHivevar("x", inComment: true, step: "s", binds: [], suggestion: nil).severity == .warning)
        #expect(CheckMessage.unsetHiveconf("x", inComment: true, step: "s", sets: []).severity == .info)
        #expect(PlanMessage.emptyGlob("x", "sql").severity == .error)
        #expect(PlanMessage.isDeferredInput(PlanMessage.listFileNotUTF8("l", "ff", 0, 1).diagnosticID))
        #expect(!PlanMessage.isDeferredInput(PlanMessage.missingFile("f").diagnosticID))
        #expect(PlanMessage.isHQLFileProblem(PlanMessage.missingFile("f").diagnosticID))
        #expect(!PlanMessage.isHQLFileProblem(CheckMessage.fileNotFound("f").diagnosticID))
    }

    @Test func aMessageIdIsItsDomainAndCode() {
        #expect(PlanMessage.emptyGlob("x", "sql").diagnosticID.description == "plan.empty-glob")
        #expect(CheckMessage.race(table: "t", place: "p", at: SourceLocation(file: "f", line: 1, column: 1)).diagnosticID.description == "check.race")
        #expect(Self.allIDs.contains(PlanMessage.emptyGlob("x", "sql").diagnosticID.description))
    }
}
