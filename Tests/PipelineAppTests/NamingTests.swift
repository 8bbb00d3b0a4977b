import Foundation
import TestSupport
import Testing

/// One name per concept across the layers: no two top-level types of any module share a name (a `typealias` that
/// re-exports a type under its own name is the same type, not a second one).
@Suite struct NamingTests {
    @Test func noTwoTypesShareAName() throws {
        let sources = LiveServer.repositoryRoot.appendingPathComponent("Sources")
        let declaration = try Regex(#"^(?:@\w+\s+)*(?:public |package |internal |fileprivate |private )?(?:final )?(?:struct|enum|class|actor|protocol) ([A-Z][A-Za-z0-9_]*)"#)
        var places: [String: [String]] = [:]
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        #expect(files.count > 100)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                // Top-level declarations (nested ones are qualified by their type: `Step.Kind`, `Task.Kind`).
                guard let match = try declaration.firstMatch(in: String(line)), let name = match.output[1].substring else { continue }
                places[String(name), default: []].append("\(file.path.replacingOccurrences(of: sources.path + "/", with: "")):\(number + 1)")
            }
        }
        let shared = places.filter { $0.value.count > 1 }.sorted { $0.key < $1.key }
        #expect(shared.isEmpty, "types sharing a name:\n\(shared.map { "\($0.key): \($0.value.joined(separator: ", "))" }.joined(separator: "\n"))")
    }
}
