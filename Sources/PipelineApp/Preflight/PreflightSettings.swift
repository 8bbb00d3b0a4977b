import Foundation
import Metastore
import PipelinePlan

/// The metastore preflight as `preflight` and `run` configure it. One rule for where the settings come from:
/// the pipeline's `metastore { }` block, overlaid by the environment (`PDM_METASTORE_*`), overlaid by the flags.
public struct PreflightSettings: Sendable, Equatable {
    /// `--metastore-*` (no flag takes a password).
    public var flags: MetastoreSettings
    public var allowUninitialised: Bool
    public var connectTimeoutSeconds: Int

    public init(flags: MetastoreSettings = MetastoreSettings(), allowUninitialised: Bool = false, connectTimeoutSeconds: Int = 5) {
        self.flags = flags
        self.allowUninitialised = allowUninitialised
        self.connectTimeoutSeconds = connectTimeoutSeconds
    }

    /// The variable `--metastore-password-env` names holds the password: `run`'s children never get it.
    public var withheldEnvironment: Set<String> {
        Set([flags.passwordEnvironment].compactMap { $0 })
    }

    /// Whether the flags (or the plan) configure a metastore at all.
    public func configures(_ plan: Plan?) -> Bool {
        plan?.metastore != nil || flags.host != nil
    }

    /// The layered settings for `plan` (nil: no pipeline file).
    public func settings(for plan: Plan?, environment: [String: String]) throws(MetastoreError) -> MetastoreSettings {
        let fromEnvironment = try MetastoreSettings.fromEnvironment(environment)
        return (plan?.metastore ?? MetastoreSettings()).overlaid(by: fromEnvironment).overlaid(by: flags)
    }

    /// `run`'s early check of what the host must provide: a TLS CA bundle that is not there (on EMR, the RDS bundle
    /// the bootstrap action installs) is one line before anything is begun, instead of a FAILED record after it.
    /// Nil when it is there, or TLS is off, or no metastore is configured; unusable settings are the hook's to report.
    public func missingCABundle(for plan: Plan, environment: [String: String]) -> String? {
        guard configures(plan), let layered = try? settings(for: plan, environment: environment), layered.tls else { return nil }
        let ca = layered.tlsCA ?? ConnectionSettingsResolver.systemCABundle
        guard !FileManager.default.isReadableFile(atPath: ca) else { return nil }
        return "metastore TLS CA bundle \(ca) is missing or unreadable: install it (deploy/emr/bootstrap-install.sh --ca-bundle URL SHA256) or give --metastore-tls-ca; nothing was run"
    }

    /// Runs the checks with settings already layered; the databases are those `plan` creates.
    public func run(_ settings: MetastoreSettings, plan: Plan?, environment: [String: String]) async -> PreflightReport {
        await Preflight.run(
            settings: settings, databasesToCreate: plan.map { PlannedDatabases.find(in: $0) } ?? [],
            options: Preflight.Options(allowUninitialised: allowUninitialised, connectTimeoutSeconds: connectTimeoutSeconds),
            resolver: ConnectionSettingsResolver(
                environment: environment, secrets: EnvironmentSecretSource(environment: environment)))
    }
}
