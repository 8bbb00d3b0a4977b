/// Text after Hive's variable substitution, remembering for every scalar where it came from in the original,
/// so findings about substituted text point at the original file (a substituted value maps to its `${`).
public struct SubstitutedText: Sendable {
    public let scalars: [Unicode.Scalar]
    /// Offset in the original text of each scalar.
    public let origins: [Int]

    public init(scalars: [Unicode.Scalar], origins: [Int]) {
        precondition(scalars.count == origins.count)
        self.scalars = scalars
        self.origins = origins
    }

    public var string: String { String(String.UnicodeScalarView(scalars)) }

    public func origin(of offset: Int) -> Int {
        if origins.isEmpty { return 0 }
        return offset < origins.count ? origins[max(offset, 0)] : origins[origins.count - 1] + 1
    }

    /// Hive's substitution of `range` of `text`: every `${...}` with a value is replaced, repeatedly, because
    /// values may contain references (Hive stops after 40 rounds, `hive.variable.substitute.depth`).
    /// Unresolved references stay as written. Growth is capped so self-expanding values cannot exhaust memory.
    public static func substitute(_ text: HQLText, range: Range<Int>? = nil, variables: HiveVariables, depth: Int = 40) -> SubstitutedText {
        let range = (range ?? 0..<text.scalars.count).clamped(to: 0..<text.scalars.count)
        var current = SubstitutedText(scalars: Array(text.scalars[range]), origins: Array(range))
        let limit = max(1 << 16, current.scalars.count * 8)
        for _ in 0..<depth {
            guard let next = current.substitutingOnce(variables, limit: limit) else { break }
            current = next
        }
        return current
    }

    /// One substitution round; `nil` when nothing changed or the result would exceed `limit` scalars.
    func substitutingOnce(_ variables: HiveVariables, limit: Int) -> SubstitutedText? {
        var out: [Unicode.Scalar] = []
        var outOrigins: [Int] = []
        out.reserveCapacity(scalars.count)
        outOrigins.reserveCapacity(scalars.count)
        var changed = false
        var i = 0
        while i < scalars.count {
            if let end = VariablePattern.match(scalars, at: i) {
                let inner = String(String.UnicodeScalarView(scalars[(i + 2)..<(end - 1)]))
                let (namespace, name) = VariableReference.parse(inner)
                if let value = variables.value(namespace, name) {
                    let valueScalars = Array(value.unicodeScalars)
                    if valueScalars != Array(scalars[i..<end]) { changed = true }
                    out.append(contentsOf: valueScalars)
                    outOrigins.append(contentsOf: repeatElement(origins[i], count: valueScalars.count))
                } else {
                    out.append(contentsOf: scalars[i..<end])
                    outOrigins.append(contentsOf: origins[i..<end])
                }
                i = end
                if out.count > limit { return nil }
            } else {
                out.append(scalars[i])
                outOrigins.append(origins[i])
                i += 1
            }
        }
        return changed ? SubstitutedText(scalars: out, origins: outOrigins) : nil
    }
}
