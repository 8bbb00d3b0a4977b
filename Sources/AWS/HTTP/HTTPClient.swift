/// Sends one HTTP request. The seam between the AWS clients and the network: `CurlHTTPClient` in
/// production, the same client against our own fault-injecting servers in tests.
public protocol HTTPClient: Sendable {
    /// Throws `AWSError.transport`, `.timeout` or `.cancelled` (named after `operation`) when no complete
    /// answer arrives; any HTTP status is an answer.
    func send(_ request: HTTPRequest, operation: String) async throws -> HTTPResponse
}

/// Connect and total (whole exchange) timeouts, in seconds.
public struct HTTPTimeouts: Sendable, Equatable {
    public var connect: Double
    public var total: Double

    public init(connect: Double, total: Double) {
        self.connect = connect
        self.total = total
    }

    /// For AWS APIs: a slow connect is a dead endpoint; a DynamoDB call takes milliseconds.
    public static let aws = HTTPTimeouts(connect: 5, total: 30)
    /// For the instance metadata service, which is local or absent (as the AWS SDKs do).
    public static let metadata = HTTPTimeouts(connect: 1, total: 2)
}
