import AWS
import Foundation
import Prometheus

/// `pdm_status`: the original's values.
public enum PDMStatus: Int, Sendable, Hashable, CaseIterable {
    case started = 1, completed = 2, failed = 3, cancelled = 4
}

/// The labels of `pdm_status`, as the original pushed them.
public struct StatusLabels: Sendable, Hashable {
    public var snapshotType: String
    public var exportDate: String
    public var clusterID: String
    public var correlationID: String

    public init(snapshotType: String, exportDate: String, clusterID: String, correlationID: String) {
        self.snapshotType = snapshotType
        self.exportDate = exportDate
        self.clusterID = clusterID
        self.correlationID = correlationID
    }

    var pairs: [(String, String)] {
        [
            ("component", "PDM"), ("snapshot_type", snapshotType), ("export_date", exportDate),
            ("cluster_id", clusterID), ("correlation_id", correlationID),
        ]
    }
}

/// A Prometheus pushgateway: pushes `pdm_status` into the group `job="pdm"` and wipes it.
/// The exposition text comes from swift-prometheus (it escapes `\`, `"` and newlines in label values).
public struct PushgatewayClient: Sendable {
    public static let job = "pdm"

    public var endpoint: AWSEndpoint
    public var http: any HTTPClient

    /// `url` is `http(s)://host[:port]`.
    public init(url: String, http: any HTTPClient) throws(MetricsConfigurationError) {
        do {
            endpoint = try AWSEndpoint(url: url)
        } catch {
            throw .invalid("pushgateway '\(url)' is not http(s)://host[:port]")
        }
        self.http = http
    }

    /// The text pushed for one status: `# TYPE pdm_status gauge` and one sample with the labels.
    public static func exposition(_ status: PDMStatus, labels: StatusLabels) -> String {
        let registry = PrometheusCollectorRegistry()
        // The original's name has no unit suffix: unitName "" keeps it `pdm_status`.
        let descriptor = MetricNameDescriptor(
            metricName: "pdm_status", unitName: "",
            helpText: "PDM dataset generation: 1 started, 2 completed, 3 failed, 4 cancelled")
        registry.makeGauge(descriptor: descriptor, labels: labels.pairs).set(to: Double(status.rawValue))
        return registry.emitToString()
    }

    /// `PUT /metrics/job/pdm`: replaces the group, so a status never sits beside an older one.
    public func push(_ status: PDMStatus, labels: StatusLabels) async throws {
        let request = HTTPRequest(
            method: "PUT", endpoint: endpoint, path: "/metrics/job/\(Self.job)",
            headers: [HTTPHeader("Content-Type", "text/plain; version=0.0.4")],
            body: Data(Self.exposition(status, labels: labels).utf8))
        try await send(request, operation: "push pdm_status=\(status.rawValue) to \(endpoint)")
    }

    /// `PUT /api/v1/admin/wipe` (the gateway runs with `--web.enable-admin-api`): every group goes.
    public func wipe() async throws {
        let request = HTTPRequest(method: "PUT", endpoint: endpoint, path: "/api/v1/admin/wipe")
        try await send(request, operation: "wipe \(endpoint)")
    }

    private func send(_ request: HTTPRequest, operation: String) async throws {
        let response = try await http.send(request, operation: operation)
        guard (200..<300).contains(response.status) else {
            let body = String(decoding: response.body.prefix(200), as: UTF8.self)
                .replacingOccurrences(of: "\n", with: " ")
            throw PushgatewayError(operation: operation, status: response.status, body: body)
        }
    }
}

public struct PushgatewayError: Error, Sendable, CustomStringConvertible {
    public var operation: String
    public var status: Int
    public var body: String

    public var description: String { "\(operation): HTTP \(status) \(body)" }
}

/// A metrics block that cannot be used (a malformed URL); metrics are then off, with one line saying why.
public enum MetricsConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let why): return why
        }
    }
}
