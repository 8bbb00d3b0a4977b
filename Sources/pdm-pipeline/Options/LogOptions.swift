import ArgumentParser
import Foundation
import Logging
import PipelineLog
import PipelinePlan

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// `run`'s log flags: `--log-format text|json`, `--log-level`.
struct LogOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable { case auto, text, json }

    @Option(name: .customLong("log-format"), help: ArgumentHelp(
        "text: lines for people (a live display on a terminal); json: one JSON object per line with DWP's common-logging fields; auto (default): text on a terminal, json otherwise (EMR step logs). PDM_LOG_FORMAT sets the default.",
        valueName: "auto|text|json"))
    var requested: Format?

    /// The flag, else `PDM_LOG_FORMAT`, else json unless stderr is a terminal: EMR step logs (a file) get JSON
    /// lines for the log shippers, a person at a terminal gets the live display.
    func format(environment: [String: String], stderrIsTTY: Bool) -> Format {
        let chosen = requested ?? environment["PDM_LOG_FORMAT"].flatMap(Format.init(rawValue:)) ?? .auto
        guard chosen == .auto else { return chosen }
        return stderrIsTTY ? .text : .json
    }

    @Option(name: .customLong("log-level"), help: ArgumentHelp(
        "The lowest level logged: trace, debug, info, notice, warning, error, critical.", valueName: "level"))
    var level: Logger.Level = .info

    /// The run's logger, on stderr, secret values masked; `correlation_id` on every line.
    func makeLogger(plan: Plan, version: String, format: Format) -> Logger {
        let sink = LogSink { Terminal.error($0) }
        let mask = SecretMask(plan: plan)
        let level = self.level
        let context = LogContext(
            appVersion: version, environment: plan.profile ?? "default", hostname: ProcessInfo.processInfo.hostName,
            processID: getpid())
        var logger = Logger(label: "pdm-pipeline") { _ in
            switch format {
            case .json: return JSONLogHandler(context: context, sink: sink, level: level, mask: mask)
            case .text, .auto: return TextLogHandler(sink: sink, level: level, mask: mask)
            }
        }
        logger.logLevel = level
        logger[metadataKey: "correlation_id"] = "\(plan.run.correlationID)"
        return logger
    }
}
