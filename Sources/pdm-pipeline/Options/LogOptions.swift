import ArgumentParser
import Logging
import PipelineApp

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// `run`'s log flags: `--log-format auto|text|json`, `--log-level`.
struct LogOptions: ParsableArguments {
    @Option(name: .customLong("log-format"), help: ArgumentHelp(
        "text: lines for people (a live display on a terminal); json: one JSON object per line with DWP's common-logging fields; auto (default): text on a terminal, json otherwise (EMR step logs). PDM_LOG_FORMAT sets the default.",
        valueName: "auto|text|json"))
    var requested: LogSettings.Format?

    @Option(name: .customLong("log-level"), help: ArgumentHelp(
        "The lowest level logged: trace, debug, info, notice, warning, error, critical.", valueName: "level"))
    var level: Logger.Level = .info

    var settings: LogSettings { LogSettings(requested: requested, level: level) }
}
