import Metastore
import PipelineCheck
import PipelineRun

extension ExitStatus {
    /// The preflight's outcome. `preflight` says 1 for a failed check; `run` keeps 1 for a failed step, so it
    /// says 7 (`inRun`).
    public init(preflight outcome: PreflightReport.Outcome, inRun: Bool) {
        switch outcome {
        case .passed: self = .success
        case .failed: self = inRun ? .preflightFailed : .failed
        case .unusableInput: self = .unusableInput
        case .cannotConnect: self = .metastoreUnreachable
        case .cancelled: self = .terminated
        }
    }

    /// `check`: 1 with an error finding (`--strict` makes warnings errors first).
    public init(check report: CheckReport) {
        self = report.exitCode == 0 ? .success : .failed
    }
}
