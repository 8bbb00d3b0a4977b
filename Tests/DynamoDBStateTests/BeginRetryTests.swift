import AWS
import DynamoDBState
import Foundation
import PipelineState
import Synchronization
import Testing

/// DynamoDB answers scripted per operation, for cases moto cannot produce (a write that lands but whose
/// answer is lost).
final class ScriptedDynamoDB: HTTPClient {
    private let script: Mutex<[String: [HTTPResponse]]>
    private let log = Mutex<[String]>([])
    var operations: [String] { log.withLock { $0 } }

    init(_ script: [String: [HTTPResponse]]) { self.script = Mutex(script) }

    func send(_ request: HTTPRequest, operation: String) async throws -> HTTPResponse {
        let target = request.header("X-Amz-Target") ?? ""
        let name = String(target.split(separator: ".").last ?? "")
        log.withLock { $0.append(name) }
        return script.withLock { script in
            guard var answers = script[name], !answers.isEmpty else { return HTTPResponse(status: 599) }
            let answer = answers.removeFirst()
            script[name] = answers
            return answer
        }
    }
}

@Suite struct BeginRetryTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let owner = RunOwner(host: "h", pid: 9)

    static func store(_ http: ScriptedDynamoDB) throws -> DynamoDBStateStore {
        let configuration = AWSConfiguration(
            region: "us-east-1", endpoint: try AWSEndpoint(url: "http://127.0.0.1:9"),
            credentials: StaticCredentialProvider(AWSCredentials(accessKeyId: "AKID", secretAccessKey: "s")), http: http,
            retry: AWSRetryPolicy(maxAttempts: 3, sleep: { _ in }))
        return DynamoDBStateStore(client: DynamoDBClient(configuration: configuration), table: "t")
    }

    static func request(owner: RunOwner = owner) -> BeginRequest {
        BeginRequest(
            key: RunKey(correlationID: "c", product: "PDM"), date: "2026-11-21", clusterID: "j-1", s3Prefix: "p",
            snapshotType: "full", owner: owner, now: now)
    }

    static func item(owner: RunOwner, startedAt: String = "1800000000.000") -> HTTPResponse {
        let body = """
            {"Item":{"Correlation_Id":{"S":"c"},"DataProduct":{"S":"PDM"},"Run_Id":{"N":"1"},"Status":{"S":"IN_PROGRESS"},\
            "Date":{"S":"2026-11-21"},"Cluster_Id":{"S":"j-1"},"S3_Prefix_Analytical_DataSet":{"S":"p"},"Snapshot_Type":{"S":"full"},\
            "Lease_Expires_At":{"N":"1800000300.000"},"Completed_Tasks":{"L":[]},"Continued_Failures":{"L":[]},\
            "Started_At":{"N":"\(startedAt)"},"Updated_At":{"N":"\(startedAt)"},\
            "Owner":{"M":{"Host":{"S":"\(owner.host)"},"Pid":{"N":"\(owner.pid)"}}},"Record_Version":{"N":"1"}}}
            """
        return HTTPResponse(status: 200, body: Data(body.utf8))
    }

    static let conditionFailed = HTTPResponse(
        status: 400, body: Data(#"{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"failed"}"#.utf8))

    @Test func aPutWhoseAnswerWasLostIsRecognisedAsOurs() async throws {
        let http = ScriptedDynamoDB([
            "GetItem": [HTTPResponse(status: 200, body: Data("{}".utf8)), Self.item(owner: Self.owner)],
            "PutItem": [HTTPResponse(status: 500), Self.conditionFailed],
        ])
        let outcome = try await Self.store(http).begin(Self.request())
        #expect(outcome.record.runID == 1)
        #expect(http.operations == ["GetItem", "PutItem", "PutItem", "GetItem"])
    }

    @Test func anEarlierBeginOfTheSameProcessIsNotMistakenForOurs() async throws {
        // Same host and pid (a restarted runner with a recycled pid), another start time: not this write.
        let http = ScriptedDynamoDB([
            "GetItem": [HTTPResponse(status: 200, body: Data("{}".utf8)), Self.item(owner: Self.owner, startedAt: "1799999000.000")],
            "PutItem": [HTTPResponse(status: 500), Self.conditionFailed],
        ])
        await #expect(throws: StateError.superseded(RunKey(correlationID: "c", product: "PDM"), runID: 1, found: 1)) {
            try await Self.store(http).begin(Self.request())
        }
    }

    @Test func anotherRunnersRecordIsAConflict() async throws {
        let other = RunOwner(host: "other", pid: 1)
        let http = ScriptedDynamoDB([
            "GetItem": [HTTPResponse(status: 200, body: Data("{}".utf8)), Self.item(owner: other)],
            "PutItem": [Self.conditionFailed],
        ])
        await #expect(throws: StateError.superseded(RunKey(correlationID: "c", product: "PDM"), runID: 1, found: 1)) {
            try await Self.store(http).begin(Self.request())
        }
    }

    @Test func aCorruptItemIsReportedNotOverwritten() async throws {
        let http = ScriptedDynamoDB([
            "GetItem": [HTTPResponse(status: 200, body: Data(#"{"Item":{"Correlation_Id":{"S":"c"},"DataProduct":{"S":"PDM"},"Run_Id":{"N":"1"},"Status":{"S":"RUNNING"}}}"#.utf8))]
        ])
        await #expect(throws: StateError.corruptRecord(path: "c/PDM in DynamoDB table t", reason: "unknown Status 'RUNNING'")) {
            try await Self.store(http).begin(Self.request())
        }
        #expect(http.operations == ["GetItem"])
    }
}
