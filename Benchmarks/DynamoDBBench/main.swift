import AWS
import DynamoDBState
import Foundation
import PipelineState
import Synchronization

// Calls and milliseconds per state checkpoint against a DynamoDB endpoint (moto in scripts/bench-dynamodb),
// against a baseline measured in the same run: one raw GetItem round trip.
// Usage: bench-dynamodb ENDPOINT [ITERATIONS]; credentials and region from the environment.

/// Counts the HTTP calls that go through it.
final class CountingHTTPClient: HTTPClient {
    let inner: any HTTPClient
    let count = Atomic<Int>(0)
    init(_ inner: any HTTPClient) { self.inner = inner }
    func send(_ request: HTTPRequest, operation: String) async throws -> HTTPResponse {
        count.add(1, ordering: .relaxed)
        return try await inner.send(request, operation: operation)
    }
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: bench-dynamodb ENDPOINT [ITERATIONS]\n".utf8))
    exit(2)
}
let iterations = arguments.count > 2 ? Int(arguments[2]) ?? 200 : 200
let http = CountingHTTPClient(CurlHTTPClient())
var configuration = try AWSConfiguration.fromEnvironment(ProcessInfo.processInfo.environment, endpoint: arguments[1], http: http)
let dynamo = DynamoDBClient(configuration: configuration)
let table = "bench-\(UUID().uuidString.prefix(8).lowercased())"
_ = try await StateTable(client: dynamo, name: table).initialize()

let store = DynamoDBStateStore(client: dynamo, table: table)
let now = Date()
let request = BeginRequest(
    key: RunKey(correlationID: "bench", product: "PDM"), date: "2026-11-21", clusterID: "local", s3Prefix: "p",
    snapshotType: "full", owner: RunOwner(host: "bench", pid: 1), now: now)
let handle = try await store.begin(request).handle
let key: DynamoDBItem = ["Correlation_Id": .s("bench"), "DataProduct": .s("PDM")]

let clock = ContinuousClock()
// Warm-up: connection set-up and first-call costs stay out of both measurements.
for _ in 0..<10 { _ = try await dynamo.getItem(table: table, key: key) }

var start = clock.now
var calls = http.count.load(ordering: .relaxed)
for _ in 0..<iterations { _ = try await dynamo.getItem(table: table, key: key) }
let baseline = milliseconds(clock.now - start) / Double(iterations)
let baselineCalls = Double(http.count.load(ordering: .relaxed) - calls) / Double(iterations)

// A second baseline: the cheapest conditional write, one attribute.
let probe = DynamoDBClient.Expression("SET Probe = :p", values: [":p": .number(1)])
let condition = DynamoDBClient.Expression("attribute_exists(Correlation_Id)")
start = clock.now
for _ in 0..<iterations { _ = try await dynamo.updateItem(table: table, key: key, update: probe, condition: condition) }
let updateBaseline = milliseconds(clock.now - start) / Double(iterations)

start = clock.now
calls = http.count.load(ordering: .relaxed)
for index in 0..<iterations {
    if index.isMultiple(of: 10) {
        try await store.stepStarted(handle, step: "step\(index)", carriedTasks: [], at: now)
    } else {
        try await store.taskCompleted(handle, step: "step\(index / 10 * 10)", task: "t\(index).sql", at: now)
    }
}
let checkpoint = milliseconds(clock.now - start) / Double(iterations)
let checkpointCalls = Double(http.count.load(ordering: .relaxed) - calls) / Double(iterations)

print("iterations: \(iterations)")
print(String(format: "baseline   GetItem (ConsistentRead):  %.3f ms, %.2f calls", baseline, baselineCalls))
print(String(format: "baseline   UpdateItem (one attribute):  %.3f ms, 1.00 calls", updateBaseline))
print(String(format: "checkpoint stepStarted/taskCompleted: %.3f ms, %.2f calls", checkpoint, checkpointCalls))
print(String(format: "ratio checkpoint/GetItem: %.2f", checkpoint / baseline))
print(String(format: "ratio checkpoint/UpdateItem: %.2f", checkpoint / updateBaseline))
