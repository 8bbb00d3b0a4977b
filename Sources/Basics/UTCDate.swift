import Foundation

/// Calendar dates and times in UTC, as the run parameters (`export_date`), AWS signing, the task logs and the
/// timeline spell them. By arithmetic on the proleptic Gregorian calendar, not `Calendar` or a format style: the
/// runner stamps several lines per task, and Foundation's formatting cost tens of microseconds a call.
public enum UTCDate {
    /// `YYYY-MM-DD`.
    public static func day(_ date: Date) -> String {
        let c = Fields(date)
        return pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2)
    }

    /// `yyyyMMdd'T'HHmmss'Z'` (ISO 8601 basic format).
    public static func basicTimestamp(_ date: Date) -> String {
        let c = Fields(date)
        return pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2) + "T" + pad(c.hour, 2) + pad(c.minute, 2)
            + pad(c.second, 2) + "Z"
    }

    /// `yyyy-MM-dd'T'HH:mm:ss'Z'`, or with `.SSS` milliseconds (the instant rounded to the microsecond, then
    /// truncated): what `Date.ISO8601FormatStyle` in UTC writes, with and without `includingFractionalSeconds`,
    /// except on a whole millisecond, which the style often writes one less (`UTCDateTests`).
    public static func iso8601(_ date: Date, milliseconds: Bool = false) -> String {
        let c = Fields(date)
        var text = pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2) + "T" + pad(c.hour, 2) + ":"
            + pad(c.minute, 2) + ":" + pad(c.second, 2)
        if milliseconds { text += "." + pad(c.millisecond, 3) }
        return text + "Z"
    }

    /// The UTC fields of an instant.
    struct Fields: Equatable {
        var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int

        init(_ date: Date) {
            // Microseconds since 1970, rounded (a parsed "…11.265" is 11.264999… in binary), then floored to the
            // millisecond and second, so an instant before 1970 still falls in the right second.
            let total = (date.timeIntervalSince1970 * 1_000_000).rounded()
            let micro = total.isFinite ? Int64(max(min(total, 9e18), -9e18)) : 0
            let (seconds, milli) = Self.floorDivide(Self.floorDivide(micro, 1000).0, 1000)
            let (days, secondOfDay) = Self.floorDivide(seconds, 86_400)
            (year, month, day) = Self.civil(daysSince1970: days)
            hour = Int(secondOfDay / 3600)
            minute = Int(secondOfDay % 3600 / 60)
            second = Int(secondOfDay % 60)
            millisecond = Int(milli)
        }

        init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int) {
            (self.year, self.month, self.day) = (year, month, day)
            (self.hour, self.minute, self.second, self.millisecond) = (hour, minute, second, millisecond)
        }

        static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
            let quotient = value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
            return (quotient, value - quotient * divisor)
        }

        /// Year, month, day of a day count since 1970-01-01: the days-to-civil algorithm of H. Hinnant's
        /// "chrono-Compatible Low-Level Date Algorithms" (400-year eras beginning on March 1st).
        static func civil(daysSince1970 days: Int64) -> (Int, Int, Int) {
            let z = days + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let dayOfEra = z - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let shiftedMonth = (5 * dayOfYear + 2) / 153
            let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
            let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
            return (Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0)), Int(month), Int(day))
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
