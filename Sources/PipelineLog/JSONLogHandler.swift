import Basics
import Foundation
import Logging
import PipelinePlan

/// One JSON object per line (EMR step logs, log shippers): DWP's common-logging fields `timestamp`, `log_level`,
/// `message`, `process_id`, `hostname`, `environment`, `application`, `app_version`, `component`, then the
/// metadata (`correlation_id`, `run_id`, `step`, `wave`, `task`, ...) as top-level string fields. The values of
/// secret variables are masked in the message and in every field.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public let context: LogContext
    public let mask: SecretMask?
    private let sink: LogSink
    private let now: @Sendable () -> Date

    /// The common fields, which metadata never replaces.
    public static let fixedFields: Set<String> = [
        "timestamp", "log_level", "message", "process_id", "hostname", "environment", "application", "app_version",
        "component",
    ]

    public init(
        context: LogContext, sink: LogSink, level: Logger.Level = .info, mask: SecretMask? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.context = context
        self.sink = sink
        self.logLevel = level
        self.mask = mask
        self.now = now
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        if let error = event.error { merged["error"] = "\(error)" }
        sink.emit(line(level: event.level, message: event.message.description, metadata: merged))
    }

    /// The JSON text of one line (sorted keys: stable, easy to read in tests).
    func line(level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
        var fields: [String: String] = [:]
        for (key, value) in metadata where !Self.fixedFields.contains(key) { fields[key] = masked(Self.text(value)) }
        fields["timestamp"] = Self.timestamp(now())
        fields["log_level"] = level.rawValue.uppercased()
        fields["message"] = masked(message)
        fields["process_id"] = String(context.processID)
        fields["hostname"] = context.hostname
        fields["environment"] = context.environment
        fields["application"] = context.application
        fields["app_version"] = context.appVersion
        fields["component"] = context.component
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // A [String: String] always encodes.
        return String(decoding: (try? encoder.encode(fields)) ?? Data("{}".utf8), as: UTF8.self)
    }

    private func masked(_ text: String) -> String { mask?.apply(text) ?? text }

    static func text(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let s): return s
        case .stringConvertible(let c): return c.description
        case .array(let a): return "[" + a.map(text).joined(separator: ", ") + "]"
        case .dictionary(let d): return "{" + d.sorted { $0.key < $1.key }.map { "\($0.key): \(text($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    /// ISO 8601 in UTC with milliseconds, e.g. `2026-12-01T07:22:50.123Z`.
    static func timestamp(_ date: Date) -> String {
        UTCDate.iso8601(date, milliseconds: true)
    }
}
