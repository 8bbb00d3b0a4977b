import AWS
import Foundation
import Synchronization
import Testing

/// Retries, backoff bounds, timeouts and error parsing against our own fault-injecting server.
@Suite struct RetryAndTimeoutTests {
    static let throttled = #"{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"Rate exceeded"}"#
    static let item = #"{"Item":{"Correlation_Id":{"S":"c1"},"Run_Id":{"N":"3"}}}"#
    static let key: DynamoDBItem = ["Correlation_Id": .s("c1"), "DataProduct": .s("PDM")]

    /// Answers each request with the next action; the last one repeats.
    static func script(_ actions: [FaultInjectingServer.Action]) throws -> FaultInjectingServer {
        let index = Mutex(0)
        return try FaultInjectingServer { _ in
            index.withLock { i in
                defer { i += 1 }
                return actions[min(i, actions.count - 1)]
            }
        }
    }

    static func policy(_ recorder: SleepRecorder, attempts: Int, maxDelay: Double = 5) -> AWSRetryPolicy {
        // random = the upper bound: the largest delay full jitter can pick.
        AWSRetryPolicy(maxAttempts: attempts, baseDelay: 0.05, maxDelay: maxDelay, sleep: recorder.sleep, random: { $0 })
    }

    @Test func throttlingIsRetriedWithExponentialBackoffThenSucceeds() async throws {
        let server = try Self.script([
            .respond(status: 400, body: Self.throttled), .respond(status: 400, body: Self.throttled),
            .respond(status: 200, body: Self.item),
        ])
        defer { server.stop() }
        let recorder = SleepRecorder()
        let dynamo = DynamoDBClient(configuration: try .test(endpoint: server.url, retry: Self.policy(recorder, attempts: 5)))
        let item = try await dynamo.getItem(table: "t", key: Self.key)
        #expect(item == ["Correlation_Id": .s("c1"), "Run_Id": .n("3")])
        #expect(server.requests.count == 3)
        #expect(recorder.recorded == [0.05, 0.1])
    }

    @Test func serverErrorsAreRetriedWithinTheBoundThenReported() async throws {
        let server = try Self.script([.respond(status: 500, body: #"{"__type":"InternalFailure","Message":"boom"}"#)])
        defer { server.stop() }
        let recorder = SleepRecorder()
        let dynamo = DynamoDBClient(configuration: try .test(endpoint: server.url, retry: Self.policy(recorder, attempts: 4)))
        let error = await #expect(throws: AWSError.self) { try await dynamo.getItem(table: "t", key: Self.key) }
        #expect(error?.description == "GetItem at \(server.url): InternalFailure (HTTP 500): boom (gave up after 4 attempts)")
        #expect(server.requests.count == 4)
        #expect(recorder.recorded == [0.05, 0.1, 0.2])
    }

    @Test func backoffNeverExceedsTheCapAndJitterIsFull() {
        let policy = AWSRetryPolicy(maxAttempts: 10, baseDelay: 0.05, maxDelay: 0.3, random: { $0 })
        #expect((0..<8).map(policy.delayCap(retry:)) == [0.05, 0.1, 0.2, 0.3, 0.3, 0.3, 0.3, 0.3])
        #expect((0..<8).map(policy.delay(retry:)) == [0.05, 0.1, 0.2, 0.3, 0.3, 0.3, 0.3, 0.3])
        let low = AWSRetryPolicy(maxAttempts: 10, baseDelay: 0.05, maxDelay: 0.3, random: { _ in 0 })
        #expect((0..<4).map(low.delay(retry:)) == [0, 0, 0, 0])
        let real = AWSRetryPolicy(maxAttempts: 10, baseDelay: 0.05, maxDelay: 0.3)
        for retry in 0..<20 { #expect((0...real.delayCap(retry: retry)).contains(real.delay(retry: retry))) }
    }

    @Test func aConditionalCheckFailureIsNotRetried() async throws {
        let body = #"{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"}"#
        let server = try Self.script([.respond(status: 400, body: body)])
        defer { server.stop() }
        let recorder = SleepRecorder()
        let dynamo = DynamoDBClient(configuration: try .test(endpoint: server.url, retry: Self.policy(recorder, attempts: 5)))
        let error = await #expect(throws: AWSError.self) {
            try await dynamo.putItem(table: "t", item: Self.key, condition: .init("attribute_not_exists(Correlation_Id)"))
        }
        #expect(error?.isConditionalCheckFailed == true)
        #expect(error?.description == "PutItem at \(server.url): ConditionalCheckFailedException (HTTP 400): The conditional request failed")
        #expect(server.requests.count == 1)
        #expect(recorder.recorded.isEmpty)
    }

    @Test func xmlErrorsAndTheErrorTypeHeaderAreParsed() async throws {
        let server = try Self.script([
            .respond(status: 403, body: "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>"),
            .respond(status: 400, headers: ["x-amzn-ErrorType": "ValidationException:http://internal.amazon.com/"]),
        ])
        defer { server.stop() }
        let configuration = try AWSConfiguration.test(endpoint: server.url)
        let s3Error = await #expect(throws: AWSError.self) { try await S3Client(configuration: configuration).getObject(bucket: "b", key: "k") }
        #expect(s3Error?.description == "GetObject s3://b/k at \(server.url): AccessDenied (HTTP 403): Access Denied")
        let headerError = await #expect(throws: AWSError.self) { try await DynamoDBClient(configuration: configuration).getItem(table: "t", key: Self.key) }
        #expect(headerError?.description == "GetItem at \(server.url): ValidationException (HTTP 400)")
    }

    @Test func anEmpty503IsRetriedAndNamedByItsStatus() async throws {
        let server = try Self.script([.respond(status: 503)])
        defer { server.stop() }
        let recorder = SleepRecorder()
        let secrets = SecretsManagerClient(configuration: try .test(endpoint: server.url, retry: Self.policy(recorder, attempts: 2)))
        let error = await #expect(throws: AWSError.self) { try await secrets.getSecretString(id: "s") }
        #expect(error?.description == "GetSecretValue at \(server.url): HTTP503 (HTTP 503) (gave up after 2 attempts)")
        #expect(server.requests.map { $0.headers["x-amz-target"] } == ["secretsmanager.GetSecretValue", "secretsmanager.GetSecretValue"])
    }

    @Test func aStalledServerTimesOutAndIsRetried() async throws {
        let server = try Self.script([.stall(seconds: 3)])
        defer { server.stop() }
        let recorder = SleepRecorder()
        let http = CurlHTTPClient(timeouts: HTTPTimeouts(connect: 1, total: 0.5))
        let dynamo = DynamoDBClient(configuration: try .test(endpoint: server.url, http: http, retry: Self.policy(recorder, attempts: 2)))
        let error = await #expect(throws: AWSError.self) { try await dynamo.getItem(table: "t", key: Self.key) }
        #expect(error?.description == "GetItem at \(server.url): no answer within 0.5 s (gave up after 2 attempts)")
        #expect(server.requests.count == 2)
    }

    @Test func aResetConnectionIsRetriedThenSucceeds() async throws {
        let server = try Self.script([.reset, .respond(status: 200, body: Self.item)])
        defer { server.stop() }
        let recorder = SleepRecorder()
        let dynamo = DynamoDBClient(configuration: try .test(endpoint: server.url, retry: Self.policy(recorder, attempts: 3)))
        #expect(try await dynamo.getItem(table: "t", key: Self.key)?["Run_Id"] == .n("3"))
        #expect(recorder.recorded == [0.05])
    }

    @Test func aRefusedConnectionIsATransportErrorNamingTheEndpoint() async throws {
        let url = "http://127.0.0.1:\(try closedPort())"
        let dynamo = DynamoDBClient(configuration: try .test(endpoint: url))
        let error = await #expect(throws: AWSError.self) { try await dynamo.getItem(table: "t", key: Self.key) }
        guard case .transport(let operation, let endpoint, _) = error else { Issue.record("not a transport error: \(String(describing: error))"); return }
        #expect(operation == "GetItem")
        #expect(endpoint == url)
    }

    @Test func cancellingTheTaskAbortsAStalledTransfer() async throws {
        // The stall outlasts any scheduling delay on a loaded machine: only the cancellation can end the call
        // before the 30 s total timeout (stop() does not wait for the stalled connection's thread).
        let server = try Self.script([.stall(seconds: 120)])
        defer { server.stop() }
        let http = CurlHTTPClient(timeouts: HTTPTimeouts(connect: 1, total: 30))
        let dynamo = DynamoDBClient(configuration: try .test(endpoint: server.url, http: http))
        let task = Task { try await dynamo.getItem(table: "t", key: Self.key) }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let result = await task.result
        #expect(throws: AWSError.cancelled(operation: "GetItem", endpoint: server.url)) { try result.get() }
    }

    @Test func requestsAreSignedAndCarryTheJSONProtocolHeaders() async throws {
        let server = try Self.script([.respond(status: 200, body: "{}")])
        defer { server.stop() }
        var configuration = try AWSConfiguration.test(endpoint: server.url)
        configuration.credentials = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDTEST", secretAccessKey: "s", sessionToken: "TOKEN"))
        configuration.clock = { Date(timeIntervalSince1970: 1_440_938_160) }
        #expect(try await DynamoDBClient(configuration: configuration).getItem(table: "t", key: Self.key) == nil)
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.headers["x-amz-target"] == "DynamoDB_20120810.GetItem")
        #expect(request.headers["content-type"] == "application/x-amz-json-1.0")
        #expect(request.headers["x-amz-date"] == "20150830T123600Z")
        #expect(request.headers["x-amz-security-token"] == "TOKEN")
        #expect(request.headers["host"] == "127.0.0.1:\(server.port)")
        let authorization = try #require(request.headers["authorization"])
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDTEST/20150830/us-east-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature="))
        let body = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
        #expect(body["ConsistentRead"] as? Bool == true)
        #expect(body["TableName"] as? String == "t")
    }
}
