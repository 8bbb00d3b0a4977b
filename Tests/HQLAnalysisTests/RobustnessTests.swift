import HQLAnalysis
import Testing
import TestSupport

/// Random and pathological inputs: analysis must finish and every position it reports must exist in the text.
@Suite struct RobustnessTests {
    static let fragments = [
        "SELECT", "FROM", "JOIN", "LEFT", "WITH", "AS", "INSERT", "INTO", "OVERWRITE", "TABLE", "CREATE", "VIEW",
        "DROP", "ALTER", "USE", "SET", "IF", "NOT", "EXISTS", "LIKE", "DELETE", "MERGE", "USING", "LOAD", "extract",
        "(", ")", ",", ";", ".", "=", "'", "\"", "`", "``", "--", "/*", "*/", "\\", "${", "}", "$", "{", "hivevar:",
        "hiveconf:", "env:", "x", "db", "t1", "${x}", "${hivevar:db}", "\n", " ", "\t", "\r\n", "é", "🙂", "\u{0}",
    ]

    func checkInvariants(_ source: String, _ variables: HiveVariables) {
        let text = HQLText(source)
        // Split on the scalar: "\r\n" is one Character, so a Character split would not see it.
        let lines = source.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        let analysis = HQLFileAnalysis(source: source, variables: variables)
        func valid(_ p: TextPosition) -> Bool {
            p.line >= 1 && p.line <= lines.count && p.column >= 1 && p.column <= lines[p.line - 1].count + 1
        }
        for reference in analysis.references {
            #expect(valid(reference.position))
            let line = lines[reference.position.line - 1]
            let start = reference.position.column - 1
            let written = String(String.UnicodeScalarView(line[start..<min(line.count, start + reference.text.unicodeScalars.count)]))
            #expect(written == reference.text)
        }
        for access in analysis.tables { #expect(valid(access.position)); #expect(!access.table.isEmpty) }
        for setting in analysis.settings { #expect(valid(setting.position)) }
        #expect(analysis.statementCount >= 1)
        #expect(text.position(of: text.scalars.count).line == lines.count)
    }

    @Test func randomFragmentSoup() {
        var random = SeededRandom(seed: 0x5EED_0002)
        let values = ["uc", "${x}", "${db}", "a;b", "'", "--", "db.t", ""]
        for _ in 0..<2_000 {
            var source = ""
            for _ in 0..<Int.random(in: 0...80, using: &random) {
                if Int.random(in: 0..<10, using: &random) == 0 {
                    source.unicodeScalars.append(Unicode.Scalar(UInt8.random(in: 0...127, using: &random)))
                } else {
                    source += Self.fragments.randomElement(using: &random)!
                }
            }
            let variables = HiveVariables(
                hivevars: ["x": values.randomElement(using: &random)!, "db": values.randomElement(using: &random)!],
                hiveconf: ["x": values.randomElement(using: &random)!])
            checkInvariants(source, variables)
        }
    }

    @Test(arguments: [
        String(repeating: "(", count: 5_000),
        String(repeating: ")", count: 5_000),
        String(repeating: "${", count: 5_000),
        String(repeating: "${a", count: 5_000),
        String(repeating: "FROM ", count: 5_000),
        String(repeating: "WITH x AS (", count: 5_000),
        String(repeating: "LOAD INTO MERGE USING ", count: 5_000),
        "SELECT '" + String(repeating: "\\", count: 20_001),
        "/*" + String(repeating: "*", count: 5_000),
        String(repeating: "FROM a, ", count: 5_000),
    ])
    func pathologicalInputsFinish(_ source: String) {
        checkInvariants(source, HiveVariables(hivevars: ["a": "${a}${a}"]))
    }
}
