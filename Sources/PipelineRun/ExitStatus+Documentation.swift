/// The exit-code table in words: what docs/run-and-state.md prints and what each command's `--help` says, from
/// one source, so neither can disagree with the enum (`ExitStatusTests` pins the page to `markdownTable`).
extension ExitStatus {
    /// The commands that return an `ExitStatus` (the hidden `_watchdog` is not for people).
    public enum Subcommand: String, Sendable, CaseIterable {
        case plan, check, run, status, runs, report, preflight
        case metricsShow = "metrics show"
        case stateInit = "state init"
    }

    /// swift-argument-parser's own exit for a command-line usage error (EX_USAGE); no command returns it itself.
    public static let usageError: Int32 = 64

    /// The codes `command` can return, in order, each with what it means there (one line of its `--help`).
    public static func codes(of command: Subcommand) -> [(status: ExitStatus, meaning: String)] {
        switch command {
        case .plan:
            return [
                (.success, "planned"),
                (.unusableInput, "unusable input (malformed file, unknown profile/step/variable, missing file, empty glob, bad list file)"),
                (.stateConflict, "--resume: steps before the resume point changed since the failed run (--accept-changes)"),
                (.stateUnavailable, "--resume: state store unavailable or record corrupt"),
            ]
        case .check:
            return [
                (.success, "no errors (warnings and info allowed)"),
                (.failed, "findings (errors, or warnings with --strict)"),
                (.unusableInput, "unusable input (the pipeline file is missing or does not parse or plan)"),
            ]
        case .run:
            return [
                (.success, "done"),
                (.failed, "a step failed (the run is FAILED at that step; a rerun resumes there)"),
                (.unusableInput, "unusable input"),
                (.stateConflict, "state conflict (already COMPLETED, IN_PROGRESS elsewhere, taken over, steps before the resume point changed, Run_Id at its largest)"),
                (.metastoreUnreachable, "metastore unreachable (preflight)"),
                (.stateUnavailable, "state store unavailable or record corrupt, or the lease could not be renewed"),
                (.engineNotFound, "engine executable not found"),
                (.preflightFailed, "the metastore preflight failed a check (recorded FAILED, no step ran)"),
                (.interrupted, "SIGINT"),
                (.terminated, "SIGTERM"),
            ]
        case .status:
            return [(.success, "printed"), (.failed, "no record"), (.stateUnavailable, "state store unavailable or record corrupt")]
        case .runs:
            return [
                (.success, "listed (also when there is none)"),
                (.stateUnavailable, "state store unavailable, or a record could not be read (the others are still listed)"),
            ]
        case .report:
            return [
                (.success, "written (its path is printed)"),
                (.unusableInput, "no timeline for the correlation id, or the page could not be written"),
            ]
        case .preflight:
            return [
                (.success, "passed (warnings allowed)"), (.failed, "a check failed"), (.unusableInput, "unusable input"),
                (.metastoreUnreachable, "cannot connect"), (.interrupted, "SIGINT"), (.terminated, "SIGTERM"),
            ]
        case .metricsShow:
            return [(.success, "printed"), (.unusableInput, "the file is missing, unreadable or not a codahale metrics document")]
        case .stateInit:
            return [
                (.success, "the table exists with TTL enabled"), (.unusableInput, "bad configuration"),
                (.stateUnavailable, "AWS refused or could not be reached"),
            ]
        }
    }

    /// The `--help` discussion of `command`: every code it can return, then the usage error.
    public static func helpText(for command: Subcommand) -> String {
        let codes = Self.codes(of: command).map { "\($0.status.rawValue) \($0.meaning)" }
        return "Exit codes: " + (codes + ["\(usageError) command-line usage error"]).joined(separator: "; ") + "."
    }

    /// The commands that can return this code, in `Subcommand` order.
    public var commands: [Subcommand] {
        Subcommand.allCases.filter { command in Self.codes(of: command).contains { $0.status == self } }
    }

    /// The one exit-code table (Markdown), as docs/run-and-state.md holds it.
    public static var markdownTable: String {
        var lines = ["| code | name | meaning | returned by |", "|---|---|---|---|"]
        for status in allCases {
            let commands = status.commands.map { "`\($0.rawValue)`" }.joined(separator: ", ")
            lines.append("| \(status.rawValue) | `\(status)` | \(status.meaning) | \(commands) |")
        }
        lines.append("| \(usageError) | (usage) | a command-line usage error: an unknown flag, a malformed `--var`, an `--export-date` that is not `YYYY-MM-DD`, a flag value swift-argument-parser rejects; nothing ran | every command |")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The full meaning of the code, in Markdown (the table's middle column).
    public var meaning: String {
        switch self {
        case .success:
            return "done: `run`: every step that had to run completed (steps with `on_failure ignore` may have failed); "
                + "`plan`: the plan printed; `check`: no errors (warnings and info allowed); `preflight`: passed (warnings "
                + "allowed); `status`, `runs`, `metrics show`: printed; `report`: the page written; `state init`: the table "
                + "exists with TTL enabled"
        case .failed:
            return "the work failed: `run`: a step failed, the run is FAILED at that step and a rerun resumes there; "
                + "`check`: at least one error finding (or a warning under `--strict`); `preflight`: a check failed "
                + "(checks 2–6); `status`: no record"
        case .unusableInput:
            return "unusable input: a malformed pipeline file (every error printed as `file:line:col: error: ...`), an "
                + "unknown profile, step or variable, a missing required run parameter, a missing file, an empty glob, a "
                + "missing/non-UTF-8/empty list file or a rejected list value ([Bad input](reliability.md#bad-input)), a "
                + "secret on a command's argv, bad flags or settings, a resume point the pipeline no longer has; for these "
                + "nothing was executed and nothing begun in the state store. Also a log folder that cannot be created or a "
                + "run-state folder that is not ours or not a folder (`run`); `report`: no timeline for the correlation id, "
                + "or the page cannot be written; `metrics show`: the file is missing, unreadable or not a codahale metrics "
                + "document; `state init`: bad configuration (an invalid `--aws-endpoint`, no region, a bad `--ttl-days`)"
        case .stateConflict:
            return "state conflict: the run is already COMPLETED (use `--force`; a pipeline with `on_completed rerun` runs "
                + "it again instead), IN_PROGRESS elsewhere (its lease has not expired: wait, or `--takeover`), taken over "
                + "by another runner meanwhile (the runner fenced itself off), a resume over steps that changed since the "
                + "failed run (`--accept-changes`, or rerun them with `--from`; `plan --resume` says so too), a record at "
                + "the largest Run_Id (2147483647: archive or remove it); tasks of an earlier runner still alive after "
                + "SIGKILL"
        case .metastoreUnreachable:
            return "cannot connect to the metastore: the preflight's check 1 failed, or the Secrets Manager secret could "
                + "not be read (`preflight`, and `run`'s preflight)"
        case .stateUnavailable:
            return "the state store is unavailable: DynamoDB unreachable or refusing (past `--state-retry-seconds`), bad "
                + "credentials, no AWS region, a corrupt record (local file or item), or the lease could not be renewed "
                + "before it ran out (the run stopped itself); `runs`: a record could not be read (the others are still "
                + "listed); `state init`: AWS refused or could not be reached"
        case .engineNotFound:
            return "an engine or command executable (`hive`, `beeline`, a `command`'s) is not found in `PATH`; nothing ran"
        case .preflightFailed:
            return "`run`: the metastore preflight failed a check (e.g. a Hive 2 schema); the run is recorded FAILED with "
                + "the reason and no step ran (`preflight` itself says 1; `run` keeps 1 for a failed step)"
        case .interrupted:
            return "interrupted by SIGINT (128 + 2): children stopped, the run recorded FAILED with the reason `cancelled: "
                + "interrupted by SIGINT`, as the original recorded it (CANCELLED with `run --record-cancelled`); "
                + "`preflight`: stopped at once, even mid-connect"
        case .terminated:
            return "terminated by SIGTERM (128 + 15), as when EMR cancels the step: as for SIGINT, the reason `cancelled: "
                + "interrupted by SIGTERM`"
        }
    }
}
