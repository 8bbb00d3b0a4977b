import Foundation

/// Why a timeline could not be written or a report not made. `report` exits 2 on every one of them.
public enum ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No log folder of this correlation id holds a timeline.
    case noTimeline(correlationID: String, searched: [String])
    case cannotRead(path: String, reason: String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .noTimeline(let id, let searched):
            let places = searched.isEmpty ? "no log folder" : searched.joined(separator: ", ")
            return "no run timeline for correlation id '\(id)' (searched \(places)); pass the run's --log-dir"
        case .cannotRead(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
