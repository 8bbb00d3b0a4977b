import ArgumentParser
import Metastore
import PipelinePlan
import PipelineRun

/// `run`'s metastore preflight flags and the hook the runner calls before its first step.
struct RunPreflightOptions: ParsableArguments {
    @OptionGroup(title: "Metastore preflight") var metastore: MetastoreOptions

    @Flag(name: .customLong("skip-preflight"), help: "Do not check the metastore before the first step (logged).")
    var skipPreflight = false

    @Flag(name: .customLong("allow-uninitialised"), help: "Let the preflight pass an empty metastore with a warning.")
    var allowUninitialised = false

    @Option(name: .customLong("connect-timeout"), help: "Seconds the preflight waits for the metastore server.")
    var connectTimeout: Int = 5

    func validate() throws {
        if connectTimeout < 1 { throw ValidationError("--connect-timeout takes a whole number of seconds >= 1") }
    }

    /// The variable `--metastore-password-env` names holds the password: children never get it.
    var withheldEnvironment: Set<String> {
        Set([metastore.passwordEnvironment].compactMap { $0 })
    }

    /// The runner's `preflight` hook: nil when skipped. The pipeline's `metastore { }` block (or a
    /// `--metastore-host`) turns it on; a report that is not `passed` stops the run with `run`'s codes
    /// (7 a check failed, 2 unusable settings, 4 cannot connect). A cancelled Task (the runner's signal
    /// handling) returns at once, even mid-connect, with `metastore preflight: cancelled before it finished`
    /// and exit code 143; the runner, which knows the signal, records CANCELLED and picks 130 or 143.
    func hook(
        environment: [String: String], log: @escaping @Sendable (String) -> Void
    ) -> (@Sendable (Plan) async throws(RunError) -> Void)? {
        if skipPreflight {
            log("metastore preflight: skipped (--skip-preflight)\n")
            return nil
        }
        let flags = metastore.settings
        let allowUninitialised = allowUninitialised
        let connectTimeout = connectTimeout
        return { plan throws(RunError) in
            let fromEnvironment: MetastoreSettings
            do {
                fromEnvironment = try MetastoreSettings.fromEnvironment(environment)
            } catch {
                throw .preflightFailed(reason: "metastore preflight: \(error)", exitCode: PreflightReport.Outcome.unusableInput.exitCode)
            }
            guard plan.metastore != nil || flags.host != nil else {
                log("metastore preflight: not run (the pipeline configures no metastore for this profile)\n")
                return
            }
            let settings = (plan.metastore ?? MetastoreSettings()).overlaid(by: fromEnvironment).overlaid(by: flags)
            let report = await Preflight.run(
                settings: settings, databasesToCreate: PlannedDatabases.find(in: plan),
                options: Preflight.Options(allowUninitialised: allowUninitialised, connectTimeoutSeconds: connectTimeout),
                resolver: ConnectionSettingsResolver(
                    environment: environment, secrets: EnvironmentSecretSource(environment: environment)))
            if report.outcome == .cancelled {
                throw .preflightFailed(reason: report.failureSummary ?? "metastore preflight: cancelled", exitCode: report.exitCode)
            }
            log(report.renderText())
            guard report.outcome == .passed else {
                // `preflight` exits 1 for a failed check; `run` keeps 1 for a failed step, so it says 7.
                let code = report.outcome == .failed ? RunExitCode.preflightFailed.rawValue : report.exitCode
                throw .preflightFailed(reason: report.failureSummary ?? "metastore preflight: \(report.summary)", exitCode: code)
            }
        }
    }
}
