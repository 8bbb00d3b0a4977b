/// A 1-based line and column in an HQL file; columns count Unicode scalars, a tab is one column.
public struct TextPosition: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: TextPosition, b: TextPosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// Source text as an array of scalars plus a line table, so any offset maps to a position in O(log n).
public struct HQLText: Sendable {
    public let scalars: [Unicode.Scalar]
    /// Offset of the first scalar of each line.
    let lineStarts: [Int]

    public init(_ string: String) {
        self.init(scalars: Array(string.unicodeScalars))
    }

    public init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
        var starts = [0]
        for (index, scalar) in scalars.enumerated() where scalar == "\n" {
            starts.append(index + 1)
        }
        self.lineStarts = starts
    }

    /// The position of `offset`; offsets past the end map to just after the last scalar.
    public func position(of offset: Int) -> TextPosition {
        let offset = min(max(offset, 0), scalars.count)
        // Last line start <= offset.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return TextPosition(line: low + 1, column: offset - lineStarts[low] + 1)
    }

    public func string(_ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(scalars[range.clamped(to: 0..<scalars.count)]))
    }
}
