import Foundation
import Logging
import PipelineLog
import PipelinePlan

/// `run`'s logs: `--log-format auto|text|json`, `--log-level`.
public struct LogSettings: Sendable, Equatable {
    public enum Format: String, Sendable, CaseIterable { case auto, text, json }

    /// The flag; nil: `PDM_LOG_FORMAT`, else auto.
    public var requested: Format?
    public var level: Logger.Level

    public init(requested: Format? = nil, level: Logger.Level = .info) {
        self.requested = requested
        self.level = level
    }

    /// The flag, else `PDM_LOG_FORMAT`, else json unless stderr is a terminal: EMR step logs (a file) get JSON
    /// lines for the log shippers, a person at a terminal gets the live display.
    public func format(environment: [String: String], stderrIsTTY: Bool) -> Format {
        let chosen = requested ?? environment["PDM_LOG_FORMAT"].flatMap(Format.init(rawValue:)) ?? .auto
        guard chosen == .auto else { return chosen }
        return stderrIsTTY ? .text : .json
    }

    /// The run's logger, on the console's stderr, secret values masked; `correlation_id` on every line.
    func makeLogger(plan: Plan, mask: SecretMask? = nil, format: Format, context: AppContext) -> Logger {
        let console = context.console
        let sink = LogSink { console.log($0) }
        let mask = mask ?? SecretMask(plan: plan)
        let level = self.level
        let logContext = LogContext(
            appVersion: context.version, environment: plan.profile ?? "default", hostname: context.hostName,
            processID: context.processID)
        var logger = Logger(label: "pdm-pipeline") { _ in
            switch format {
            case .json: return JSONLogHandler(context: logContext, sink: sink, level: level, mask: mask)
            case .text, .auto: return TextLogHandler(sink: sink, level: level, mask: mask)
            }
        }
        logger.logLevel = level
        logger[metadataKey: "correlation_id"] = "\(plan.run.correlationID)"
        return logger
    }
}
