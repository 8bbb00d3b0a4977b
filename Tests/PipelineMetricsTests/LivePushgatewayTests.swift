import AWS
import Foundation
import PipelinePlan
import Synchronization
import TestSupport
import Testing

@testable import PipelineMetrics
@testable import PipelineRun

/// `pdm_status` lines as the gateway serves them on `/metrics`, label values unescaped.
struct Exposition {
    struct Sample: Equatable {
        var labels: [String: String]
        var value: String
    }

    /// Parses `name{k="v",...} value` lines of one metric, undoing `\\`, `\"` and `\n` in label values.
    static func samples(_ text: String, name: String) -> [Sample] {
        text.split(separator: "\n").compactMap { line -> Sample? in
            guard line.hasPrefix(name + "{") else { return nil }
            var labels: [String: String] = [:]
            var chars = Array(line.dropFirst(name.count + 1))
            var i = 0
            while i < chars.count, chars[i] != "}" {
                var key = ""
                while chars[i] != "=" { key.append(chars[i]); i += 1 }
                i += 2  // ="
                var value = ""
                while chars[i] != "\"" {
                    if chars[i] == "\\" {
                        i += 1
                        value.append(chars[i] == "n" ? "\n" : chars[i])
                    } else {
                        value.append(chars[i])
                    }
                    i += 1
                }
                i += 1  // closing quote
                labels[key] = value
                if chars[i] == "," { i += 1 }
            }
            chars = Array(chars[(i + 1)...])
            return Sample(labels: labels, value: String(chars).trimmingCharacters(in: .whitespaces))
        }
    }
}

/// Reads `/metrics` back after every call the session makes, so the sequence is the server's, in order.
final class ReadBackClient: HTTPClient {
    let inner = CurlHTTPClient(timeouts: HTTPTimeouts(connect: 2, total: 5))
    let endpoint: AWSEndpoint
    private let seen = Mutex<[String]>([])

    init(_ endpoint: AWSEndpoint) { self.endpoint = endpoint }

    var sequence: [String] { seen.withLock { $0 } }

    func metrics() async throws -> String {
        let response = try await inner.send(HTTPRequest(method: "GET", endpoint: endpoint, path: "/metrics"), operation: "GET /metrics")
        return String(decoding: response.body, as: UTF8.self)
    }

    /// The gateway answers a wipe with 202 and deletes the groups through its write queue: read until they are
    /// gone (10 s at most; a wipe that never takes effect still fails the test).
    func metricsAfterWipe() async throws -> String {
        var text = try await metrics()
        for _ in 0..<200 where !Exposition.samples(text, name: "pdm_status").isEmpty {
            try await Task.sleep(for: .milliseconds(50))
            text = try await metrics()
        }
        return text
    }

    func send(_ request: HTTPRequest, operation: String) async throws -> HTTPResponse {
        let response = try await inner.send(request, operation: operation)
        let text = request.path.hasSuffix("/admin/wipe") ? try await metricsAfterWipe() : try await metrics()
        let values = Exposition.samples(text, name: "pdm_status").map(\.value)
        seen.withLock { $0.append(values.isEmpty ? "none" : values.sorted().joined(separator: ",")) }
        return response
    }
}

@Suite(.serialized, .enabled(if: LiveServer.available("PDM_TEST_PUSHGATEWAY_URL"), "pushgateway not running: scripts/services/pushgateway start"))
struct LivePushgatewayTests {
    let url: String
    let endpoint: AWSEndpoint

    init() throws {
        url = try #require(LiveServer.value("PDM_TEST_PUSHGATEWAY_URL"))
        endpoint = try AWSEndpoint(url: url)
    }

    @Test func eachStatusWithItsLabelsThenWipe() async throws {
        let reader = ReadBackClient(endpoint)
        let gateway = try PushgatewayClient(url: url, http: reader.inner)
        let labels = StatusLabels(snapshotType: "full", exportDate: "2026-11-21", clusterID: "j-ABC", correlationID: "corr-7")
        try await gateway.wipe()
        for status in PDMStatus.allCases {
            try await gateway.push(status, labels: labels)
            let samples = Exposition.samples(try await reader.metrics(), name: "pdm_status")
            #expect(samples == [Exposition.Sample(
                labels: [
                    "component": "PDM", "snapshot_type": "full", "export_date": "2026-11-21", "cluster_id": "j-ABC",
                    "correlation_id": "corr-7", "job": "pdm", "instance": "",
                ],
                value: "\(status.rawValue)")])
        }
        try await gateway.wipe()
        #expect(Exposition.samples(try await reader.metricsAfterWipe(), name: "pdm_status").isEmpty)
    }

    @Test func aLabelValueWithQuotesBackslashesAndANewlineSurvives() async throws {
        let reader = ReadBackClient(endpoint)
        let gateway = try PushgatewayClient(url: url, http: reader.inner)
        let awkward = "a \"quoted\" C:\\path\\ and\nsecond line"
        try await gateway.wipe()
        try await gateway.push(.started, labels: StatusLabels(snapshotType: "in\\cr", exportDate: "2026-11-21", clusterID: "j-1", correlationID: awkward))
        let samples = Exposition.samples(try await reader.metrics(), name: "pdm_status")
        #expect(samples.count == 1)
        #expect(samples.first?.labels["correlation_id"] == awkward)
        #expect(samples.first?.labels["snapshot_type"] == "in\\cr")
        try await gateway.wipe()
    }

    /// A whole run through the runner: the values the gateway held after each call, in order.
    @Test func aRunsStatusSequenceOnTheGateway() async throws {
        let scratch = try Scratch()
        let reader = ReadBackClient(endpoint)
        let settings = MetricsSettings(pushgateway: url, graceSeconds: 0)
        // A stale series of an earlier run in another group, which the courtesy flush removes.
        try await PushgatewayClient(url: url, http: reader.inner).wipe()
        let stale = HTTPRequest(
            method: "PUT", endpoint: endpoint, path: "/metrics/job/pdm-old",
            body: Data(PushgatewayClient.exposition(.failed, labels: StatusLabels(snapshotType: "x", exportDate: "2026-01-01", clusterID: "j-OLD", correlationID: "old")).utf8))
        #expect(try await reader.inner.send(stale, operation: "stale").status == 200)
        let p = pdmShape(work: [action("work/a", "sleep", [KeyValue("duration", "10ms")])], metrics: settings)
        let session = try MetricsSession(settings: settings, plan: p, clusterID: "j-NEW", store: nil, http: reader, logger: quietLogger)
        var actions = ActionRegistry.builtins
        MetricsSession.register(session, into: &actions)
        let summary = await Runner(store: scratch.store, actions: actions, reporter: session.reporter(wrapping: EventLog()))
            .run(p, options: scratch.options())
        await session.close(summary)
        #expect(summary.exitCode == .success)
        // started, courtesy wipe, started again, completed when the work ended, the final wipe.
        #expect(reader.sequence == ["1,3", "none", "1", "2", "none"])
    }
}
