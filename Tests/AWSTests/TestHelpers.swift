import AWS
import Foundation
import Synchronization

/// A clock tests move by hand.
final class ManualClock: Sendable {
    private let current: Mutex<Date>
    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = Mutex(start) }
    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: Double) { current.withLock { $0 += seconds } }
    var function: @Sendable () -> Date { { self.now } }
}

/// Records the delays the retry loop asks for instead of sleeping.
final class SleepRecorder: Sendable {
    private let delays = Mutex<[Double]>([])
    var recorded: [Double] { delays.withLock { $0 } }
    var sleep: @Sendable (Double) async throws -> Void { { delay in self.delays.withLock { $0.append(delay) } } }
}

extension AWSConfiguration {
    static func test(
        endpoint: String, http: any HTTPClient = CurlHTTPClient(timeouts: HTTPTimeouts(connect: 2, total: 5)),
        retry: AWSRetryPolicy = AWSRetryPolicy(maxAttempts: 1)
    ) throws -> AWSConfiguration {
        AWSConfiguration(
            region: "us-east-1", endpoint: try AWSEndpoint(url: endpoint),
            credentials: StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDTEST", secretAccessKey: "secret")),
            http: http, retry: retry)
    }
}

/// A port on 127.0.0.1 with nothing listening (bound, then closed).
func closedPort() throws -> Int {
    let server = try FaultInjectingServer { _ in .reset }
    server.stop()
    return server.port
}
