import Foundation

/// Calendar dates and times in UTC, as the run parameters (`export_date`) and AWS signing spell them.
public enum UTCDate {
    /// `YYYY-MM-DD`.
    public static func day(_ date: Date) -> String {
        let c = components(date)
        return pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2)
    }

    /// `yyyyMMdd'T'HHmmss'Z'` (ISO 8601 basic format).
    public static func basicTimestamp(_ date: Date) -> String {
        let c = components(date)
        return pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2) + "T" + pad(c.hour, 2) + pad(c.minute, 2)
            + pad(c.second, 2) + "Z"
    }

    private static func components(_ date: Date) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    }

    private static func pad(_ value: Int?, _ width: Int) -> String {
        let text = String(value ?? 0)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
