import Metastore
import PipelinePlan
import PipelineRun

extension PreflightSettings {
    /// `run`'s preflight: the runner calls it once the run is begun, so a failure is recorded FAILED with why.
    /// nil when skipped. The pipeline's `metastore { }` block (or a `--metastore-host`) turns it on; a report
    /// that is not `passed` stops the run (7 a check failed, 2 unusable settings, 4 cannot connect). A cancelled
    /// Task (the runner's signal handling) returns at once, even mid-connect; the runner, which knows the
    /// signal, records the run stopped and picks 130 or 143.
    public func hook(
        skip: Bool, environment: [String: String], log: @escaping @Sendable (String) -> Void
    ) -> (@Sendable (Plan) async throws(RunError) -> Void)? {
        if skip {
            log("metastore preflight: skipped (--skip-preflight)\n")
            return nil
        }
        let settings = self
        return { plan throws(RunError) in
            guard settings.configures(plan) else {
                log("metastore preflight: not run (the pipeline configures no metastore for this profile)\n")
                return
            }
            let layered: MetastoreSettings
            do {
                layered = try settings.settings(for: plan, environment: environment)
            } catch {
                throw .preflightFailed(reason: "metastore preflight: \(error)", exitCode: .unusableInput)
            }
            let report = await settings.run(layered, plan: plan, environment: environment)
            if report.outcome == .cancelled {
                throw .preflightFailed(reason: report.failureSummary ?? "metastore preflight: cancelled", exitCode: .terminated)
            }
            log(report.renderText())
            guard report.outcome == .passed else {
                throw .preflightFailed(
                    reason: report.failureSummary ?? "metastore preflight: \(report.summary)",
                    exitCode: ExitStatus(preflight: report.outcome, inRun: true))
            }
        }
    }
}
