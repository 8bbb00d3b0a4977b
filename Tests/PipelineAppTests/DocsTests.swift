import Foundation
import Testing
import TestSupport

/// README.md and docs/*.md: every relative link and anchor resolves, the README fits two screens, and dated
/// notes live only in docs/benchmarks.md.
@Suite struct DocsTests {
    static let root = LiveServer.repositoryRoot

    static var pages: [URL] {
        let docs = root.appendingPathComponent("docs")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: docs.path)) ?? []
        return [root.appendingPathComponent("README.md")]
            + names.filter { $0.hasSuffix(".md") }.sorted().map { docs.appendingPathComponent($0) }
    }

    static func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// The lines outside fenced code blocks.
    static func prose(_ text: String) -> [Substring] {
        var fenced = false
        return text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            if line.hasPrefix("```") { fenced.toggle(); return false }
            return !fenced
        }
    }

    /// GitHub's anchor of a heading: lower case, punctuation but `-` and `_` dropped, spaces as `-`;
    /// a repeated heading gets `-1`, `-2`, ...
    static func anchors(_ text: String) -> Set<String> {
        var seen: [String: Int] = [:], out = Set<String>()
        for line in prose(text) {
            guard let match = line.firstMatch(of: /^#{1,6} (.+)$/) else { continue }
            let slug = String(match.1.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == " " })
                .replacingOccurrences(of: " ", with: "-")
            let n = seen[slug, default: 0]
            seen[slug] = n + 1
            out.insert(n == 0 ? slug : "\(slug)-\(n)")
        }
        return out
    }

    @Test func everyRelativeLinkAndAnchorResolves() throws {
        #expect(Self.pages.count > 10, "docs/ has its pages")
        var checked = 0
        for page in Self.pages {
            let text = try Self.text(page)
            for line in Self.prose(text) {
                for match in line.matches(of: /\]\(([^)\s]+)\)/) {
                    let target = String(match.1)
                    if target.contains("://") || target.hasPrefix("mailto:") { continue }
                    let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                    let file = parts[0].isEmpty ? page : page.deletingLastPathComponent().appendingPathComponent(String(parts[0])).standardizedFileURL
                    let name = "\(page.lastPathComponent): \(target)"
                    guard FileManager.default.fileExists(atPath: file.path) else {
                        Issue.record("\(name): no such file")
                        continue
                    }
                    if parts.count == 2, file.pathExtension == "md" {
                        #expect(Self.anchors(try Self.text(file)).contains(String(parts[1])), "\(name): no such anchor")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 50)
    }

    /// The checker itself: a heading's anchor as GitHub makes it.
    @Test func anchorsAreGitHubs() {
        let anchors = Self.anchors("# A `plan`: the dry run\n## Exit codes\n## Exit codes\n```\n# not a heading\n```\n")
        #expect(anchors == ["a-plan-the-dry-run", "exit-codes", "exit-codes-1"])
    }

    @Test func theReadmeFitsTwoScreens() throws {
        let lines = try Self.text(Self.root.appendingPathComponent("README.md")).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count <= 60)
    }

    /// A date (YYYY-MM-DD) in prose outside code is a dated note; those belong in docs/benchmarks.md.
    @Test func datedNotesOnlyInBenchmarks() throws {
        for page in Self.pages where page.lastPathComponent != "benchmarks.md" {
            for line in Self.prose(try Self.text(page)) where !line.hasPrefix("    ") {
                let withoutCode = line.replacing(/`[^`]*`/, with: "")
                #expect(withoutCode.firstMatch(of: /\b20\d\d-\d\d-\d\d\b/) == nil, "\(page.lastPathComponent): \(line)")
            }
        }
    }
}
