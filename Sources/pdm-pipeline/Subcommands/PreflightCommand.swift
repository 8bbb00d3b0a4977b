import ArgumentParser
import Foundation
import Metastore
import PipelinePlan

extension PDMPipeline {
    /// `pdm-pipeline preflight`: proves over MySQL that the metastore is a Hive 3 schema. Exit codes:
    /// 0 passed (warnings allowed), 1 a check failed, 2 unusable input, 4 cannot connect, 130/143 SIGINT/SIGTERM.
    struct PreflightCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "preflight",
            abstract: "Check the Hive metastore database directly over MySQL before the first run.",
            discussion: "Exit codes: 0 passed, 1 a check failed, 2 unusable input, 4 cannot connect, 130 SIGINT, 143 SIGTERM.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        @Argument(help: "The pipeline file; its metastore block and the databases it creates are used.")
        var file: String?

        @Option(help: "The profile to plan for; default: the file's default_profile.")
        var profile: String?

        @OptionGroup(title: "Metastore connection") var metastore: MetastoreOptions

        @Flag(name: .customLong("allow-uninitialised"), help: "Pass an empty metastore database with a warning.")
        var allowUninitialised = false

        @Option(name: .customLong("connect-timeout"), help: "Seconds to wait for the server.")
        var connectTimeout: Int = 5

        @Option(help: "Output format: text or json.")
        var format: Format = .text

        func validate() throws {
            if file == nil, profile != nil { throw ValidationError("--profile needs a pipeline file") }
            if connectTimeout < 1 { throw ValidationError("--connect-timeout takes a whole number of seconds >= 1") }
        }

        func run() async throws {
            // Signals are honoured from the first instant: the preflight is cancelled and we exit 128 + signal,
            // even while libmariadb is still blocked in a connect.
            let command = self
            let report: PreflightReport
            do {
                report = try await Interruptible.run { try await command.report() }
            } catch let interrupted as Interrupted {
                Terminal.error("error: metastore preflight: interrupted by \(interrupted.name); nothing was checked\n")
                throw ExitCode(interrupted.exitCode)
            }
            switch format {
            case .text: Terminal.print(report.renderText())
            case .json: Terminal.print(report.renderJSON())
            }
            if report.exitCode != 0 { throw ExitCode(report.exitCode) }
        }

        /// Plans the file (its errors exit 2 as for every command), then runs the preflight.
        private func report() async throws -> PreflightReport {
            let environment = ProcessInfo.processInfo.environment
            var fileSettings = MetastoreSettings()
            var databases: [String] = []
            if let file {
                let plan = try PipelineOptions.plan(file: file, profile: profile)
                fileSettings = plan.metastore ?? MetastoreSettings()
                databases = PlannedDatabases.find(in: plan)
            }
            do {
                let fromEnvironment = try MetastoreSettings.fromEnvironment(environment)
                let settings = fileSettings.overlaid(by: fromEnvironment).overlaid(by: metastore.settings)
                if let file, settings.host == nil, settings.secretID == nil, settings.optionFile == nil {
                    throw MetastoreError.unusableInput(
                        "\(file)\(profile.map { " (profile \($0))" } ?? "") configures no metastore: "
                            + "give --metastore-host or a pipeline `metastore { }` block")
                }
                return await Preflight.run(
                    settings: settings, databasesToCreate: databases,
                    options: Preflight.Options(allowUninitialised: allowUninitialised, connectTimeoutSeconds: connectTimeout),
                    resolver: ConnectionSettingsResolver(
                        environment: environment, secrets: EnvironmentSecretSource(environment: environment)))
            } catch {
                return PreflightReport(
                    target: nil, checks: [CheckResult(.settings, .fail, "\(error)")], outcome: .unusableInput)
            }
        }
    }
}
