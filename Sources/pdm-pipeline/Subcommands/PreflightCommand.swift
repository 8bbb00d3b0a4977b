import ArgumentParser
import PipelineApp
import PipelineRun

extension PDMPipeline {
    /// `pdm-pipeline preflight`: proves over MySQL that the metastore is a Hive 3 schema.
    struct PreflightCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "preflight",
            abstract: "Check the Hive metastore database directly over MySQL before the first run.",
            discussion: ExitStatus.helpText(for: .preflight))

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
        var format: PreflightUseCase.Format = .text

        func validate() throws {
            if file == nil, profile != nil { throw ValidationError("--profile needs a pipeline file") }
            if connectTimeout < 1 { throw ValidationError("--connect-timeout takes a whole number of seconds >= 1") }
        }

        func run() async throws {
            let settings = PreflightSettings(
                flags: metastore.settings, allowUninitialised: allowUninitialised, connectTimeoutSeconds: connectTimeout)
            try await PreflightUseCase(file: file, profile: profile, settings: settings, format: format).run(.process()).exit()
        }
    }
}
