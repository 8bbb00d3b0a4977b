import ArgumentParser
import PipelineApp

/// `run`'s metastore preflight flags.
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

    var settings: PreflightSettings {
        PreflightSettings(flags: metastore.settings, allowUninitialised: allowUninitialised, connectTimeoutSeconds: connectTimeout)
    }
}
