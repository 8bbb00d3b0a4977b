/// Shell-style globs over paths relative to the SQL root: `*` and `?` within a folder, `**` across folders,
/// `[abc]`/`[a-z]`/`[!a]` classes. Matching is on Unicode scalars; results are sorted bytewise so the
/// order never depends on the filesystem (the original's `find` order did).
public struct Glob: Sendable, Hashable {
    public let pattern: String
    private let segments: [[Unicode.Scalar]]

    public init(_ pattern: String) {
        self.pattern = pattern
        self.segments = pattern.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.unicodeScalars) }
    }

    public func matches(_ path: String) -> Bool {
        matches(segments: Glob.split(path))
    }

    /// For matching many paths: split each once with `Glob.split`.
    public func matches(segments parts: [[Unicode.Scalar]]) -> Bool {
        Glob.match(segments[...], parts[...])
    }

    public static func split(_ path: String) -> [[Unicode.Scalar]] {
        path.split(separator: "/").map { Array($0.unicodeScalars) }
    }

    private static func match(_ pattern: ArraySlice<[Unicode.Scalar]>, _ path: ArraySlice<[Unicode.Scalar]>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == ["*", "*"] {
            // `**` matches zero or more whole folders.
            var rest = path
            while true {
                if match(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let segment = path.first, matchSegment(first[...], segment[...]) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    private static func matchSegment(_ p: ArraySlice<Unicode.Scalar>, _ s: ArraySlice<Unicode.Scalar>) -> Bool {
        // Iterative with one backtrack point per `*`: linear-ish, never exponential.
        var pi = p.startIndex, si = s.startIndex
        var star: (ArraySlice<Unicode.Scalar>.Index, ArraySlice<Unicode.Scalar>.Index)?
        while si < s.endIndex {
            if pi < p.endIndex {
                let c = p[pi]
                if c == "*" {
                    star = (pi, si)
                    pi += 1
                    continue
                }
                if c == "?" {
                    pi += 1
                    si += 1
                    continue
                }
                if c == "[", let (matched, next) = matchClass(p, at: pi, s[si]) {
                    if matched {
                        pi = next
                        si += 1
                        continue
                    }
                } else if c == s[si] {
                    pi += 1
                    si += 1
                    continue
                }
            }
            guard let (starP, starS) = star else { return false }
            pi = starP + 1
            si = starS + 1
            star = (starP, starS + 1)
        }
        while pi < p.endIndex, p[pi] == "*" { pi += 1 }
        return pi == p.endIndex
    }

    /// `[abc]`, `[a-z]`, `[!x]`: whether `c` matches and where the class ends; nil if `[` is not a class.
    private static func matchClass(_ p: ArraySlice<Unicode.Scalar>, at start: Int, _ c: Unicode.Scalar) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < p.endIndex, p[i] == "!" || p[i] == "^" {
            negate = true
            i += 1
        }
        var matched = false
        var first = true
        while i < p.endIndex, p[i] != "]" || first {
            first = false
            if i + 2 < p.endIndex, p[i + 1] == "-", p[i + 2] != "]" {
                if p[i] <= c, c <= p[i + 2] { matched = true }
                i += 3
            } else {
                if p[i] == c { matched = true }
                i += 1
            }
        }
        guard i < p.endIndex else { return nil }
        return (matched != negate, i + 1)
    }
}
