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

/// A span on one line: where a token starts and how many columns it covers (for the `^~~~` marker).
public struct SourceRange: Sendable, Hashable, Codable {
    public var start: SourceLocation
    public var length: Int

    public init(start: SourceLocation, length: Int) {
        self.start = start
        self.length = max(1, length)
    }
}
