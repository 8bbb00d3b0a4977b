/// A position in a source file, 1-based, as printed in `file:line:col` diagnostics.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// Where a diagnostic points: a span of `length` columns on the start line (a token, for the `^~~~` marker),
/// or, with `end`, a span over several lines (a statement in an HQL file).
public struct SourceRange: Sendable, Hashable, Codable {
    public var start: SourceLocation
    public var length: Int
    /// The last column covered (inclusive), on a later line; nil for a span on one line.
    public var end: SourceLocation?

    public init(start: SourceLocation, length: Int) {
        self.start = start
        self.length = max(1, length)
        self.end = nil
    }

    /// From `start` to `end` inclusive; on one line this is the single-line span.
    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        if end.line > start.line {
            self.length = 1
            self.end = end
        } else {
            self.length = max(1, end.column - start.column + 1)
            self.end = nil
        }
    }

    /// A point: one column at `location`.
    public init(_ location: SourceLocation) {
        self.init(start: location, length: 1)
    }
}
