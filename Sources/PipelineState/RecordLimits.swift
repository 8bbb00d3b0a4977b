import Foundation

/// What a stored record may hold, checked when a record is read (both stores), so a value edited by hand or
/// written by a broken tool is `StateError.corruptRecord` and never a crash later: `Run_Id + 1` on `Int.max`
/// traps, and a date of 1e300 seconds cannot be formatted.
public enum RecordLimits {
    /// Run_Id: 0 (never written by us, tolerated) up to Int32.max, so `+ 1` can never overflow.
    public static let runIDs = 0...Int(Int32.max)
    /// Epoch seconds of every timestamp: 1970 up to the end of year 9999.
    public static let epochSeconds = 0.0...253_402_300_799.0

    /// A whole number from a stored decimal text (a DynamoDB `N`): nil when it is not an integer written in
    /// plain digits (`1e20`, `1.9`, `NaN`, ` 1`), or outside `range`.
    public static func integer(_ text: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = Int(text), range.contains(value) else { return nil }
        return value
    }

    /// Epoch seconds from a stored decimal text: nil when it is not a finite number within `epochSeconds`
    /// (`Double` parses `nan` and `inf`, which must not become dates).
    public static func seconds(_ text: String) -> Double? {
        guard let value = Double(text), value.isFinite, epochSeconds.contains(value) else { return nil }
        return value
    }
}

extension RunRecord {
    /// The record when every value is within `RecordLimits`; else `corruptRecord` at `location`, naming the
    /// attribute. Called by both stores after decoding.
    public func checked(at location: String) throws(StateError) -> RunRecord {
        func corrupt(_ reason: String) -> StateError { .corruptRecord(path: location, reason: reason) }
        guard RecordLimits.runIDs.contains(runID) else { throw corrupt("Run_Id \(runID) is out of range") }
        guard owner.pid >= 0 else { throw corrupt("Owner pid \(owner.pid) is negative") }
        let stamps: [(String, Date?)] = [
            ("Started_At", startedAt), ("Updated_At", updatedAt), ("Lease_Expires_At", leaseExpiresAt),
        ]
        for case let (name, date?) in stamps {
            let seconds = date.timeIntervalSince1970
            guard seconds.isFinite, RecordLimits.epochSeconds.contains(seconds) else {
                throw corrupt("\(name) is not a usable time")
            }
        }
        return self
    }
}
