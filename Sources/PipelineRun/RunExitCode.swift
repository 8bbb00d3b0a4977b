/// The exit codes of `pdm-pipeline run`, distinct so EMR steps and scripts can tell failures apart.
public enum RunExitCode: Int32, Sendable, CaseIterable {
    /// Every step that had to run completed (steps with `on_failure continue` may have failed).
    case success = 0
    /// A step failed (its failure is recorded as FAILED at that step; a rerun resumes there).
    case stepFailed = 1
    /// Unusable input: pipeline file, flags, variables, a resume point the pipeline does not have.
    case unusableInput = 2
    /// The state store refused the run: already COMPLETED, IN_PROGRESS elsewhere, or taken over meanwhile.
    case stateConflict = 3
    /// Reserved for the metastore preflight: cannot connect.
    case metastoreUnreachable = 4
    /// The state store cannot be read or written.
    case stateUnavailable = 5
    /// An engine or command executable is not found.
    case engineNotFound = 6
    /// The metastore preflight found a problem (e.g. a Hive 2 schema): recorded as FAILED, no step ran.
    case preflightFailed = 7
    /// Interrupted by SIGINT (128 + 2).
    case interrupted = 130
    /// Terminated by SIGTERM (128 + 15), as when EMR cancels the step.
    case terminated = 143
}
