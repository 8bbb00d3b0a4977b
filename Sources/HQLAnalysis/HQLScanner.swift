/// Splits HQL into tokens and statements and records where comments and string literals are.
/// Never fails: unterminated strings, comments and identifiers run to the end of the text.
public struct HQLScanner: Sendable {
    public struct Result: Sendable {
        public var tokens: [HQLToken]
        /// Comment and string spans in text order, for telling where a `${...}` sits.
        public var regions: [(range: Range<Int>, context: ReferenceContext)]
        /// Offsets of the `;` that end statements; statement `n` ends at `statementEnds[n]` (the last may not).
        public var statementEnds: [Int]

        /// What kind of text `offset` is in: code, a comment, or a string literal.
        public func context(at offset: Int) -> ReferenceContext {
            var low = 0
            var high = regions.count
            while low < high {
                let mid = (low + high) / 2
                if regions[mid].range.upperBound <= offset { low = mid + 1 } else { high = mid }
            }
            if low < regions.count, regions[low].range.contains(offset) { return regions[low].context }
            return .code
        }

        /// 0-based statement index of `offset`.
        public func statement(at offset: Int) -> Int {
            var low = 0
            var high = statementEnds.count
            while low < high {
                let mid = (low + high) / 2
                if statementEnds[mid] < offset { low = mid + 1 } else { high = mid }
            }
            return low
        }
    }

    public init() {}

    public func scan(_ s: [Unicode.Scalar]) -> Result {
        var result = Result(tokens: [], regions: [], statementEnds: [])
        var statement = 0
        var i = 0
        let n = s.count
        func at(_ k: Int) -> Unicode.Scalar? { k < n ? s[k] : nil }

        while i < n {
            let c = s[i]
            if c == "-", at(i + 1) == "-" {
                var j = i + 2
                while j < n, s[j] != "\n" { j += 1 }
                result.regions.append((i..<j, .comment))
                i = j
            } else if c == "/", at(i + 1) == "*" {
                var j = i + 2
                while j < n, !(s[j] == "*" && at(j + 1) == "/") { j += 1 }
                j = min(j + 2, n)
                result.regions.append((i..<j, .comment))
                i = j
            } else if c == "'" || c == "\"" {
                var j = i + 1
                while j < n, s[j] != c { j += s[j] == "\\" ? 2 : 1 }
                let end = min(j + 1, n)
                let content = String(String.UnicodeScalarView(s[min(i + 1, end)..<min(j, n)]))
                result.tokens.append(HQLToken(kind: .string, text: content, start: i, end: end, statement: statement))
                result.regions.append((i..<end, .string))
                i = end
            } else if c == "`" {
                var text = String.UnicodeScalarView()
                var j = i + 1
                while j < n {
                    if s[j] == "`" {
                        if at(j + 1) == "`" { text.append("`"); j += 2; continue }
                        break
                    }
                    text.append(s[j])
                    j += 1
                }
                let end = min(j + 1, n)
                result.tokens.append(HQLToken(kind: .quotedIdentifier, text: String(text), start: i, end: end, statement: statement))
                i = end
            } else if c == ";" {
                result.statementEnds.append(i)
                statement += 1
                i += 1
            } else if Self.isWordScalar(c) || VariablePattern.match(s, at: i) != nil {
                var j = i
                while j < n {
                    if Self.isWordScalar(s[j]) { j += 1 } else if let end = VariablePattern.match(s, at: j) { j = end } else { break }
                }
                let text = String(String.UnicodeScalarView(s[i..<j]))
                result.tokens.append(HQLToken(kind: .word, text: text, start: i, end: j, statement: statement))
                i = j
            } else if c.properties.isWhitespace {
                i += 1
            } else {
                result.tokens.append(HQLToken(kind: .symbol, text: String(c), start: i, end: i + 1, statement: statement))
                i += 1
            }
        }
        return result
    }

    static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F: return true
        case 0..<0x80: return false
        default: return !c.properties.isWhitespace
        }
    }
}

/// Hive's reference syntax `${name}`: the name is any run of scalars other than `}`, `$` and whitespace
/// (Hive's own pattern is `\$\{[^\}\$ ]+\}`; we also stop at tabs and line breaks, which no real name contains).
enum VariablePattern {
    /// The end offset (exclusive) of a reference starting at `i`, if one does.
    static func match(_ s: [Unicode.Scalar], at i: Int) -> Int? {
        guard i + 1 < s.count, s[i] == "$", s[i + 1] == "{" else { return nil }
        var j = i + 2
        while j < s.count {
            let c = s[j]
            if c == "}" { return j > i + 2 ? j + 1 : nil }
            if c == "$" || c.properties.isWhitespace { return nil }
            j += 1
        }
        return nil
    }
}
