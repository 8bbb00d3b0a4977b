@testable import Basics
import Foundation
import Testing

/// `UTCDate` computes by arithmetic what Foundation's calendar and ISO 8601 style compute: it must agree with them
/// on every instant, including leap days, century years, the eras' edges and instants before 1970.
@Suite struct UTCDateTests {
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    static func foundationFields(_ date: Date) -> UTCDate.Fields {
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let micro = (date.timeIntervalSince1970 * 1_000_000).rounded()
        let millis = Int(((micro / 1000).rounded(.down)).truncatingRemainder(dividingBy: 1000) + 1000) % 1000
        return UTCDate.Fields(year: c.year!, month: c.month!, day: c.day!, hour: c.hour!, minute: c.minute!, second: c.second!, millisecond: millis)
    }

    @Test func knownInstants() {
        let cases: [(TimeInterval, String)] = [
            (0, "1970-01-01T00:00:00.000Z"),
            (-0.5, "1969-12-31T23:59:59.500Z"),
            (-86_400 * 365, "1969-01-01T00:00:00.000Z"),
            (951_782_400, "2000-02-29T00:00:00.000Z"),  // a leap day in a 400-year leap century
            (4_107_542_400, "2100-03-01T00:00:00.000Z"),  // 2100 is not a leap year
            (1_440_938_160.25, "2015-08-30T12:36:00.250Z"),
            (1_796_687_999.999, "2026-12-07T23:59:59.999Z"),
            (253_402_300_799, "9999-12-31T23:59:59.000Z"),
        ]
        for (seconds, expected) in cases {
            #expect(UTCDate.iso8601(Date(timeIntervalSince1970: seconds), milliseconds: true) == expected, "\(seconds)")
            #expect(UTCDate.iso8601(Date(timeIntervalSince1970: seconds)) == expected.prefix(19) + "Z", "\(seconds)")
        }
    }

    @Test func agreesWithFoundationOnEveryDayOfFourCenturiesAndRandomInstants() {
        // Every day from 1900 to 2300 at a varying time of day, then random instants to the millisecond.
        var generator = SystemRandomNumberGenerator()
        var instants = stride(from: -2_208_988_800.0, to: 10_413_792_000.0, by: 86_400).enumerated().map { index, day in
            day + Double(index * 7919 % 86_400)
        }
        instants += (0..<20_000).map { _ in Double(Int64.random(in: -2_208_988_800_000...4_102_444_800_000, using: &generator)) / 1000 }
        var mismatches: [String] = []
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            if UTCDate.Fields(date) != Self.foundationFields(date) { mismatches.append("\(seconds)") }
        }
        #expect(mismatches.count == 0, "first: \(mismatches.prefix(5))")
    }

    @Test func writesWhatTheISO8601FormatStyleWrites() {
        let plain = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!)
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!)
        var generator = SystemRandomNumberGenerator()
        var mismatches: [String] = []
        for _ in 0..<5_000 {
            // Inside a millisecond, away from its edges, where a binary fraction cannot fall on either side.
            let millis = Double(Int64.random(in: 0...4_102_444_800_000, using: &generator))
            let date = Date(timeIntervalSince1970: millis / 1000 + Double.random(in: 0.0001...0.0009, using: &generator))
            if UTCDate.iso8601(date) != date.formatted(plain) { mismatches.append("\(date.timeIntervalSince1970)") }
            if UTCDate.iso8601(date, milliseconds: true) != date.formatted(fractional) {
                mismatches.append("\(date.timeIntervalSince1970): \(UTCDate.iso8601(date, milliseconds: true)) vs \(date.formatted(fractional))")
            }
        }
        #expect(mismatches.count == 0, "first: \(mismatches.prefix(3))")
    }

    /// On a whole millisecond (a timeline time parsed back) the style writes one millisecond less about half the
    /// time (it truncates the binary fraction of seconds since 2001); `UTCDate` writes the millisecond itself, so
    /// a line written again from what was read is the same line.
    @Test func aWholeMillisecondRoundTrips() throws {
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!)
        var generator = SystemRandomNumberGenerator()
        var mismatches: [String] = []
        for _ in 0..<5_000 {
            let text = UTCDate.iso8601(Date(timeIntervalSince1970: Double(Int64.random(in: 0...4_102_444_800_000, using: &generator)) / 1000), milliseconds: true)
            let again = UTCDate.iso8601(try fractional.parse(text), milliseconds: true)
            if again != text { mismatches.append("\(text) -> \(again)") }
        }
        #expect(mismatches.count == 0, "first: \(mismatches.prefix(3))")
    }
}
