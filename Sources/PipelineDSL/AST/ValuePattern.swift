/// What an `each_line` value may look like: `matching="[a-z_]+\\.[a-z_]+"`. Always a whole-line match.
///
/// A small regular-expression language, matched by simulating its Thompson automaton (all states at once), so
/// the time is linear in the line times the pattern, whatever either holds: a list file cannot make planning
/// hang with `(a*)*b` the way a backtracking engine would.
/// Syntax: literal characters, `.` (any), `[abc]`, `[a-z]`, `[^x]`, `\d` (digit), `\w` (`[A-Za-z0-9_]`),
/// `\` before a special character (`\.`, `\-`, `\\`...), `*`, `+`, `?`, `( )` and `|`.
public struct ValuePattern: Sendable, Hashable, CustomStringConvertible {
    public let source: String
    private let program: [Instruction]

    /// The default: a Hive identifier. Keeps `;`, quotes, spaces and `${...}` out of the SQL a value goes into.
    public static let identifier = try! ValuePattern("[A-Za-z0-9_]+")

    public init(_ source: String) throws(PatternError) {
        self.source = source
        var parser = PatternParser(Array(source.unicodeScalars))
        let node = try parser.parse()
        var program: [Instruction] = []
        Self.compile(node, into: &program)
        program.append(.match)
        self.program = program
    }

    public var description: String { source }

    public static let syntaxNote =
        "patterns match the whole line: . [a-z] [^x] \\d \\w * + ? ( ) |, and \\ before a special character (in a pipeline string, write \\\\ for \\)"

    public static func == (a: ValuePattern, b: ValuePattern) -> Bool { a.source == b.source }
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }

    /// True when the whole of `value` matches.
    public func matches(_ value: String) -> Bool {
        var current = StateSet(count: program.count)
        var next = StateSet(count: program.count)
        add(0, to: &current)
        for scalar in value.unicodeScalars {
            next.clear()
            for pc in current.members {
                if case .scalar(let set) = program[pc], set.contains(scalar) { add(pc + 1, to: &next) }
            }
            swap(&current, &next)
            if current.members.isEmpty { return false }
        }
        return current.members.contains { if case .match = program[$0] { true } else { false } }
    }

    /// Adds `pc` and everything reachable from it without reading a character.
    private func add(_ pc: Int, to set: inout StateSet) {
        var stack = [pc]
        while let pc = stack.popLast() {
            guard set.insert(pc) else { continue }
            switch program[pc] {
            case .split(let a, let b):
                stack.append(b)
                stack.append(a)
            case .jump(let to): stack.append(to)
            case .scalar, .match: break
            }
        }
    }

    private static func compile(_ node: PatternNode, into p: inout [Instruction]) {
        switch node {
        case .set(let set): p.append(.scalar(set))
        case .sequence(let nodes): for n in nodes { compile(n, into: &p) }
        case .alternation(let a, let b):
            let split = p.count
            p.append(.match)
            compile(a, into: &p)
            let jump = p.count
            p.append(.match)
            p[split] = .split(split + 1, p.count)
            compile(b, into: &p)
            p[jump] = .jump(p.count)
        case .repeated(let inner, let min, let unbounded):
            if min == 1 {
                let start = p.count
                compile(inner, into: &p)
                if unbounded { p.append(.split(start, p.count + 1)) }
                return
            }
            // `*` and `?`: a split that skips the body; `*` jumps back to the split.
            let split = p.count
            p.append(.match)
            compile(inner, into: &p)
            if unbounded { p.append(.jump(split)) }
            p[split] = .split(split + 1, p.count)
        }
    }

    enum Instruction: Sendable {
        case scalar(ScalarSet)
        case split(Int, Int)
        case jump(Int)
        case match
    }
}

/// A set of program counters with O(1) insert and clear (a generation stamp per state).
private struct StateSet {
    private var stamp: [Int]
    private var generation = 1
    private(set) var members: [Int] = []

    init(count: Int) { stamp = Array(repeating: 0, count: count) }

    mutating func insert(_ pc: Int) -> Bool {
        guard stamp[pc] != generation else { return false }
        stamp[pc] = generation
        members.append(pc)
        return true
    }

    mutating func clear() {
        generation += 1
        members.removeAll(keepingCapacity: true)
    }
}

/// Characters one pattern position accepts: ranges, possibly negated.
struct ScalarSet: Sendable, Hashable {
    var ranges: [ClosedRange<UInt32>]
    var negated = false

    static let any = ScalarSet(ranges: [0...0x10FFFF])
    static let digit = ScalarSet(ranges: [48...57])
    static let word = ScalarSet(ranges: [48...57, 65...90, 95...95, 97...122])

    func contains(_ s: Unicode.Scalar) -> Bool {
        ranges.contains { $0.contains(s.value) } != negated
    }
}

indirect enum PatternNode: Sendable {
    case set(ScalarSet)
    case sequence([PatternNode])
    case alternation(PatternNode, PatternNode)
    /// `min` 0 or 1; `unbounded` for `*` and `+`.
    case repeated(PatternNode, min: Int, unbounded: Bool)
}

/// Why a pattern does not compile, with the 0-based scalar offset it was found at.
public struct PatternError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { message }
}
