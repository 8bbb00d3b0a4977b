import Foundation
import PipelinePlan

/// The metastore preflight as one call, for `pdm-pipeline preflight` and for the runner before its first step.
public enum Preflight {
    public struct Options: Sendable, Hashable {
        /// An empty database passes check 2 with a warning instead of failing.
        public var allowUninitialised: Bool
        public var connectTimeoutSeconds: Int
        public var readTimeoutSeconds: Int

        public init(allowUninitialised: Bool = false, connectTimeoutSeconds: Int = 5, readTimeoutSeconds: Int = 10) {
            self.allowUninitialised = allowUninitialised
            self.connectTimeoutSeconds = connectTimeoutSeconds
            self.readTimeoutSeconds = readTimeoutSeconds
        }
    }

    /// Never throws: every problem becomes a row of the report and an outcome.
    ///
    /// Honours cancellation from the first instant: a cancelled Task gets an `.cancelled` report at once, even
    /// while libmariadb is blocked in a connect (the connection's thread is abandoned and closes its session
    /// when the C call returns; see `BlockingCall`).
    /// - Parameters:
    ///   - settings: already layered (file, then environment, then flags); see `MetastoreSettings.overlaid(by:)`.
    ///   - databasesToCreate: the databases the plan creates, for check 6.
    public static func run(
        settings: MetastoreSettings, databasesToCreate: [String], options: Options = Options(),
        resolver: ConnectionSettingsResolver
    ) async -> PreflightReport {
        if Task.isCancelled { return .cancelled(target: nil) }
        let config: ConnectionConfig
        let source: ConnectionSettingsResolver.PasswordSource
        do {
            (config, source) = try await resolver.resolve(
                settings, connectTimeoutSeconds: options.connectTimeoutSeconds,
                readTimeoutSeconds: options.readTimeoutSeconds)
        } catch {
            // A cancelled Secrets Manager request surfaces as an error; it is not the secret's fault.
            if Task.isCancelled { return .cancelled(target: nil) }
            let cannotConnect = if case .secretUnavailable = error { true } else { false }
            return PreflightReport(
                target: nil,
                checks: [PreflightResult(
                    .settings, .fail, error.description,
                    remedy: cannotConnect ? "check AWS credentials, region and the secret id" : nil)],
                outcome: cannotConnect ? .cannotConnect : .unusableInput)
        }
        let checker = MetastoreChecker(allowUninitialised: options.allowUninitialised, plannedDatabases: databasesToCreate)
        // libmariadb blocks; keep it off the cooperative thread pool, and do not wait for it once cancelled.
        let report = await BlockingCall.run { check(config: config, source: source, checker: checker) }
        return report ?? .cancelled(target: config.target, passwordSource: source.description)
    }

    /// The blocking part: connect, gather, judge.
    public static func check(
        config: ConnectionConfig, source: ConnectionSettingsResolver.PasswordSource, checker: MetastoreChecker
    ) -> PreflightReport {
        var report = PreflightReport(target: config.target, passwordSource: source.description, checks: [], outcome: .passed)
        let connection: MariaDBConnection
        do {
            connection = try MariaDBConnection(config)
        } catch {
            let remedy: String
            let reason: String
            if case .connectionFailed(let failure) = error {
                remedy = failure.kind.remedy
                reason = failure.description
            } else {
                remedy = "see the MySQL error"
                reason = error.description
            }
            report.checks = [PreflightResult(.connection, .fail, reason, remedy: remedy)]
            report.outcome = .cannotConnect
            return report
        }
        report.tlsCipher = connection.cipher
        let snapshot: MetastoreSnapshot
        do {
            snapshot = try MetastoreSnapshot.gather(from: connection, plannedDatabases: checker.plannedDatabases)
        } catch {
            report.checks = [
                PreflightResult(.connection, .pass, connectedReason(connection, serverVersion: nil)),
                PreflightResult(.initialised, .fail, "cannot read information_schema: \(error)",
                    remedy: "grant the user SELECT on the metastore database"),
            ]
            report.outcome = .failed
            return report
        }
        report.serverVersion = snapshot.serverVersion
        report.checks = [PreflightResult(.connection, .pass, connectedReason(connection, serverVersion: snapshot.serverVersion))]
            + checker.check(snapshot)
        if case .success(let existing)? = snapshot.existingDatabases { report.existingDatabases = existing }
        report.outcome = report.checks.contains { $0.status == .fail } ? .failed : .passed
        return report
    }

    private static func connectedReason(_ connection: MariaDBConnection, serverVersion: String?) -> String {
        var reason = "connected"
        if let serverVersion { reason += " to \(serverVersion)" }
        reason += connection.cipher.map { " over TLS (\($0))" } ?? " without TLS"
        return reason
    }
}
