import PipelineDSL

/// The `metrics { }` block after layering (pipeline, then profile keys on top) and interpolation. Every entry is
/// optional: no `s3`, no export; no `pushgateway`, no status; no `file`, only the runner's own metrics.
public struct MetricsSettings: Sendable, Hashable, Codable {
    /// Hive's JSON_FILE reporter output, read and merged (never written).
    public var file: String?
    /// `s3://bucket/key` of the exported document.
    public var s3: String?
    public var exportEverySeconds: Double
    /// `http(s)://host[:port]`.
    public var pushgateway: String?
    /// How long the scraper is given to see the final values, once, before the final flushes.
    public var graceSeconds: Double

    public static let defaultExportEvery = 5.0
    public static let defaultGrace = 180.0

    public init(
        file: String? = nil, s3: String? = nil, exportEverySeconds: Double = defaultExportEvery,
        pushgateway: String? = nil, graceSeconds: Double = defaultGrace
    ) {
        self.file = file
        self.s3 = s3
        self.exportEverySeconds = exportEverySeconds
        self.pushgateway = pushgateway
        self.graceSeconds = graceSeconds
    }
}

extension PlanBuilder {
    /// The metrics block (pipeline, then profile keys on top), resolved; nil when none is configured or its
    /// `when` is false.
    mutating func metricsSettings() -> MetricsSettings? {
        let blocks = [file.settings.metrics, profile?.settings.metrics].compactMap { $0 }
        guard let values = layered(blocks.map { ($0.values, $0.condition) }) else { return nil }
        func text(_ key: MetricsBlock.Key) -> String? {
            guard let v = values[key], let s = variables.evaluate(v, bindings: [:]), !s.isEmpty else { return nil }
            return s
        }
        func seconds(_ key: MetricsBlock.Key, positive: Bool) -> Double? {
            guard let t = text(key), let range = values[key]?.range else { return nil }
            guard let s = DurationSyntax.seconds(t), positive ? s > 0 : s >= 0 else {
                error(.invalidMetricsDuration(key.rawValue, positive: positive, t), at: range)
                return nil
            }
            return s
        }
        var settings = MetricsSettings(file: text(.file), s3: text(.s3), pushgateway: text(.pushgateway))
        if let s = seconds(.exportEvery, positive: true) { settings.exportEverySeconds = s }
        if let s = seconds(.grace, positive: false) { settings.graceSeconds = s }
        if let s3 = settings.s3, !Self.isS3URL(s3), let range = values[.s3]?.range {
            error(.invalidMetricsS3(s3), at: range)
        }
        if let url = settings.pushgateway, !(url.hasPrefix("http://") || url.hasPrefix("https://")),
            let range = values[.pushgateway]?.range
        {
            error(.invalidPushgateway(url), at: range)
        }
        return settings
    }

    static func isS3URL(_ url: String) -> Bool {
        guard url.hasPrefix("s3://") else { return false }
        let parts = url.dropFirst(5).split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
    }
}
