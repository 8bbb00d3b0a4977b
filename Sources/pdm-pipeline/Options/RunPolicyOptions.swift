import ArgumentParser
import PipelineState

/// The flags that decide what a run may do with the record it finds, declared once: `run` acts on them, `plan
/// --resume` previews the same begin.
struct RunPolicyOptions: ParsableArguments {
    @Flag(help: "Run a COMPLETED correlation id again, from the beginning.")
    var force = false

    @Flag(help: "Take over an IN_PROGRESS run whose runner is known to be dead (its lease has not expired).")
    var takeover = false

    @Flag(name: .customLong("accept-changes"), help: "Resume even when steps before the resume point changed since the failed run.")
    var acceptChanges = false

    /// The flags given, as typed.
    var given: [String] {
        [(force, "--force"), (takeover, "--takeover"), (acceptChanges, "--accept-changes")].filter(\.0).map(\.1)
    }

    func policy(recordCancelled: Bool = false) -> RunPolicy {
        RunPolicy(force: force, takeover: takeover, acceptChanges: acceptChanges, recordCancelled: recordCancelled)
    }
}
