/// Plain-text columns for terminal output.
public enum Columns {
    /// `text` followed by spaces up to `width` characters (never cut).
    public static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// Spaces up to `width` characters, then `text` (numbers in columns).
    public static func leftPad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    /// Rows aligned by column, `separator` between columns; the last column is not padded.
    public static func table(_ rows: [[String]], separator: String = "  ") -> [String] {
        let count = rows.map(\.count).max() ?? 0
        let widths = (0..<count).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in column == row.count - 1 ? cell : pad(cell, widths[column]) }
                .joined(separator: separator)
        }
    }
}
