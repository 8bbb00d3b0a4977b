import Foundation

/// The process exit codes of every command: the one table (docs/run-and-state.md prints it and each command's
/// `--help` lists its codes, both from `ExitStatus+Documentation.swift`).
/// The runner produces most of them, so the table lives here; `PipelineApp` maps the other modules' outcomes
/// (preflight, check) onto it. No other file spells a number.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Done: every step that had to run completed (steps with `on_failure ignore` may have failed); the plan
    /// printed; the check found nothing; the preflight passed.
    case success = 0
    /// The work failed: a step (`run`: recorded FAILED at that step, a rerun resumes there), findings (`check`), a
    /// preflight check (`preflight`), no record (`status`).
    case failed = 1
    /// Unusable input: pipeline file, flags, variables, settings, a resume point the pipeline does not have.
    case unusableInput = 2
    /// The state store refused the run: already COMPLETED, IN_PROGRESS elsewhere, or taken over meanwhile.
    case stateConflict = 3
    /// The metastore cannot be reached (preflight).
    case metastoreUnreachable = 4
    /// The state store (or AWS) cannot be read or written, or a record is corrupt.
    case stateUnavailable = 5
    /// An engine or command executable is not found.
    case engineNotFound = 6
    /// `run`'s metastore preflight found a problem (e.g. a Hive 2 schema): recorded as FAILED, no step ran.
    case preflightFailed = 7
    /// Interrupted by SIGINT (128 + 2).
    case interrupted = 130
    /// Terminated by SIGTERM (128 + 15), as when EMR cancels the step.
    case terminated = 143

    /// `run`'s name for `failed`.
    public static var stepFailed: ExitStatus { .failed }

    /// 128 + the signal for the two signals the commands handle.
    public init(signal: Int32) {
        self = signal == SIGINT ? .interrupted : .terminated
    }
}
