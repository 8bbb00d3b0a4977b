/// Recursive descent over a `ValuePattern`'s text: alternation → sequence → repetition → atom.
/// Anchors are refused rather than ignored: a pattern always matches the whole line, and `^x` would suggest
/// otherwise. Nesting is bounded so a hostile pattern cannot exhaust the stack.
struct PatternParser {
    private let s: [Unicode.Scalar]
    private var i = 0
    private var depth = 0

    static let maxDepth = 32
    static let special: Set<Unicode.Scalar> = [".", "[", "]", "(", ")", "*", "+", "?", "|", "\\", "^", "$", "-", "{", "}", "/"]

    init(_ scalars: [Unicode.Scalar]) {
        s = scalars
    }

    mutating func parse() throws(PatternError) -> PatternNode {
        guard !s.isEmpty else { throw fail("an empty pattern matches no line") }
        let node = try alternation()
        if i < s.count { throw fail("unmatched ')'") }
        return node
    }

    private func fail(_ message: String, at offset: Int? = nil) -> PatternError {
        PatternError(message: message, offset: min(offset ?? i, max(0, s.count - 1)))
    }

    private mutating func alternation() throws(PatternError) -> PatternNode {
        var node = try sequence()
        while i < s.count, s[i] == "|" {
            i += 1
            node = .alternation(node, try sequence())
        }
        return node
    }

    private mutating func sequence() throws(PatternError) -> PatternNode {
        var nodes: [PatternNode] = []
        while i < s.count, s[i] != "|", s[i] != ")" {
            var atom = try self.atom()
            while i < s.count, let (min, unbounded) = Self.quantifier(s[i]) {
                i += 1
                atom = .repeated(atom, min: min, unbounded: unbounded)
            }
            nodes.append(atom)
        }
        return nodes.count == 1 ? nodes[0] : .sequence(nodes)
    }

    private static func quantifier(_ c: Unicode.Scalar) -> (Int, Bool)? {
        switch c {
        case "*": (0, true)
        case "+": (1, true)
        case "?": (0, false)
        default: nil
        }
    }

    private mutating func atom() throws(PatternError) -> PatternNode {
        let c = s[i]
        switch c {
        case "(":
            depth += 1
            guard depth <= Self.maxDepth else { throw fail("groups nested more than \(Self.maxDepth) deep") }
            let open = i
            i += 1
            let inner = try alternation()
            guard i < s.count, s[i] == ")" else { throw fail("unclosed '('", at: open) }
            i += 1
            depth -= 1
            return inner
        case "[":
            return .set(try characterClass())
        case ".":
            i += 1
            return .set(.any)
        case "\\":
            return .set(try escape(inClass: false))
        case "*", "+", "?":
            throw fail("'\(c)' has nothing to repeat")
        case "^", "$":
            throw fail("'\(c)' is not needed: a pattern always matches the whole line")
        case "{", "}":
            throw fail("'{' and '}' are not supported; write them as \\{ and \\}, or repeat with * + ?")
        default:
            i += 1
            return .set(ScalarSet(ranges: [c.value...c.value]))
        }
    }

    /// `[abc]`, `[a-z_]`, `[^;]`; `]` first or `\]` is literal.
    private mutating func characterClass() throws(PatternError) -> ScalarSet {
        let open = i
        i += 1
        var set = ScalarSet(ranges: [])
        if i < s.count, s[i] == "^" {
            set.negated = true
            i += 1
        }
        var first = true
        while i < s.count, s[i] != "]" || first {
            first = false
            if s[i] == "\\" {
                set.ranges += try escape(inClass: true).ranges
                continue
            }
            let low = s[i]
            i += 1
            if i + 1 < s.count, s[i] == "-", s[i + 1] != "]" {
                var high = s[i + 1]
                i += 2
                if high == "\\" {
                    guard i < s.count, Self.special.contains(s[i]) else { throw fail("a range ends in one character", at: i - 1) }
                    high = s[i]
                    i += 1
                }
                guard low <= high else { throw fail("range \(low)-\(high) is backwards", at: i - 3) }
                set.ranges.append(low.value...high.value)
            } else {
                set.ranges.append(low.value...low.value)
            }
        }
        guard i < s.count else { throw fail("unclosed '['", at: open) }
        i += 1
        return set
    }

    private mutating func escape(inClass: Bool) throws(PatternError) -> ScalarSet {
        let at = i
        i += 1
        guard i < s.count else { throw fail("a pattern cannot end in '\\'", at: at) }
        let c = s[i]
        i += 1
        switch c {
        case "d": return .digit
        case "w": return .word
        default:
            guard Self.special.contains(c) else {
                throw fail("unknown escape '\\\(c)'; escapes are \\d, \\w and \\ before one of \(Self.specialList)", at: at)
            }
            return ScalarSet(ranges: [c.value...c.value])
        }
    }

    static let specialList = ". [ ] ( ) * + ? | \\ ^ $ - { } /"
}
