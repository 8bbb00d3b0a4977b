import Foundation
import Logging
import PipelinePlan

/// Human lines, as the runner has always printed them: the message alone at info and notice, prefixed with
/// the level from warning up (`warning: metrics: ...`). Metadata is left out: a person reads the message.
public struct TextLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public let mask: SecretMask?
    private let sink: LogSink

    public init(sink: LogSink, level: Logger.Level = .info, mask: SecretMask? = nil) {
        self.sink = sink
        self.logLevel = level
        self.mask = mask
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let message = mask?.apply(event.message.description) ?? event.message.description
        switch event.level {
        case .trace, .debug, .info, .notice: sink.emit(message)
        case .warning, .error, .critical: sink.emit(message.hasPrefix("error:") ? message : "\(event.level.rawValue): \(message)")
        }
    }
}
