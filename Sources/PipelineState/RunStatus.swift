/// The status of a run, as written to the `Status` attribute (the original's values, plus CANCELLED).
public enum RunStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case inProgress = "IN_PROGRESS"
    case completed = "COMPLETED"
    case failed = "FAILED"
    /// A signal (EMR cancelling the step) stopped the run. Resumes like FAILED.
    case cancelled = "CANCELLED"
}
