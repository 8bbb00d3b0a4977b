import HQLAnalysis

/// Splits an HQL file into statements the way beeline does: at `;` outside strings, comments and backticks
/// (HQLAnalysis's scanner decides), dropping statements that hold only whitespace and comments.
/// Text is sent as written: `${...}` references are substituted by the server from the session's hivevars.
public enum HQLStatements {
    public static func split(_ source: String) -> [String] {
        let text = HQLText(source)
        let scan = HQLScanner().scan(text.scalars)
        var withTokens = Set<Int>()
        for token in scan.tokens { withTokens.insert(token.statement) }
        var statements: [String] = []
        var start = 0
        let ends = scan.statementEnds + [text.scalars.count]
        for (index, end) in ends.enumerated() {
            defer { start = end + 1 }
            guard withTokens.contains(index), start <= end else { continue }
            let statement = text.string(start..<end).trimmingCharacters(in: .whitespacesAndNewlines)
            if !statement.isEmpty { statements.append(statement) }
        }
        return statements
    }
}

extension String {
    func trimmingCharacters(in _: WhitespaceSet) -> String {
        let scalars = Array(unicodeScalars)
        var low = 0
        var high = scalars.count
        while low < high, scalars[low].properties.isWhitespace { low += 1 }
        while high > low, scalars[high - 1].properties.isWhitespace { high -= 1 }
        return String(String.UnicodeScalarView(scalars[low..<high]))
    }
}

enum WhitespaceSet { case whitespacesAndNewlines }
