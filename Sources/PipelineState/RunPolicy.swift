/// What the operator allows a run to do with the record it finds: the run flags, declared once on the command line
/// (`RunPolicyOptions`) and carried unchanged through `RunOptions` to the state store's begin rules
/// (`BeginDecision`) and the final record.
public struct RunPolicy: Sendable, Hashable {
    /// `--force`: start a COMPLETED run again, from the beginning.
    public var force: Bool
    /// `--takeover`: take over an IN_PROGRESS run whose lease has not expired (its runner is known to be dead).
    public var takeover: Bool
    /// `--accept-changes`: resume even when steps before the resume point changed since the failed run
    /// (`StateError.drifted`).
    public var acceptChanges: Bool
    /// `--record-cancelled`: record a run stopped by a signal as CANCELLED. Off by default: the original system
    /// recorded it as FAILED (the relauncher, the AUDIT table and the behavioural framework know no CANCELLED),
    /// with the reason saying it was cancelled. The exit code (130/143) and the metrics are the same either way.
    public var recordCancelled: Bool

    public init(force: Bool = false, takeover: Bool = false, acceptChanges: Bool = false, recordCancelled: Bool = false) {
        self.force = force
        self.takeover = takeover
        self.acceptChanges = acceptChanges
        self.recordCancelled = recordCancelled
    }
}
