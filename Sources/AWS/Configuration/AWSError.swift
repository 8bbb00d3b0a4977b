/// Every failure of the AWS layer. Descriptions are one line, name what failed and where (operation,
/// endpoint, file), and never contain a secret: credentials are not part of any case.
public enum AWSError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An endpoint URL (flag, `AWS_ENDPOINT_URL`, `AWS_EC2_METADATA_SERVICE_ENDPOINT`) that is not http(s)://host[:port].
    case invalidEndpoint(String)
    /// No region in `AWS_REGION`, `AWS_DEFAULT_REGION` or the shared config file, and none from the instance
    /// metadata service; `metadata` says why that gave none.
    case missingRegion(metadata: String)
    /// Every provider of the credentials chain was tried; each entry says why it gave nothing.
    case noCredentials(tried: [String])
    /// A shared credentials/config file that exists but cannot be used.
    case credentialsFile(path: String, reason: String)
    /// The instance metadata service (IMDSv2) answered unexpectedly or not at all.
    case metadataService(endpoint: String, reason: String)
    /// The request never got an HTTP answer (refused, reset, DNS, TLS).
    case transport(operation: String, endpoint: String, reason: String)
    /// No complete answer within the connect or total timeout.
    case timeout(operation: String, endpoint: String, seconds: Double)
    /// AWS answered with an error: `code` is `__type` after `#` (or S3's `<Code>`).
    case service(operation: String, endpoint: String, status: Int, code: String, message: String)
    /// A retryable failure persisted through every attempt the retry policy allows.
    indirect case retriesExhausted(attempts: Int, last: AWSError)
    /// The answer could not be decoded.
    case invalidResponse(operation: String, endpoint: String, reason: String)
    /// The task was cancelled while waiting for AWS.
    case cancelled(operation: String, endpoint: String)

    public var description: String {
        switch self {
        case .invalidEndpoint(let url):
            return "invalid AWS endpoint '\(url)': expected http://host[:port] or https://host[:port]"
        case .missingRegion(let metadata):
            return "no AWS region: pass --aws-region, set AWS_REGION or AWS_DEFAULT_REGION, or region in the shared config file (instance metadata: \(metadata))"
        case .noCredentials(let tried):
            return "no AWS credentials found (tried: \(tried.joined(separator: "; ")))"
        case .credentialsFile(let path, let reason):
            return "\(path): \(reason)"
        case .metadataService(let endpoint, let reason):
            return "instance metadata service at \(endpoint): \(reason)"
        case .transport(let operation, let endpoint, let reason):
            return "\(operation) at \(endpoint): connection failed: \(reason)"
        case .timeout(let operation, let endpoint, let seconds):
            return "\(operation) at \(endpoint): no answer within \(Self.format(seconds)) s"
        case .service(let operation, let endpoint, let status, let code, let message):
            let detail = message.isEmpty ? "" : ": \(message)"
            return "\(operation) at \(endpoint): \(code) (HTTP \(status))\(detail)"
        case .retriesExhausted(let attempts, let last):
            return "\(last) (gave up after \(attempts) attempts)"
        case .invalidResponse(let operation, let endpoint, let reason):
            return "\(operation) at \(endpoint): unexpected answer: \(reason)"
        case .cancelled(let operation, let endpoint):
            return "\(operation) at \(endpoint): cancelled"
        }
    }

    /// The AWS error code (`ConditionalCheckFailedException`, `NoSuchKey`...) of a service error,
    /// also when it is the last error after retries.
    public var serviceCode: String? {
        switch self {
        case .service(_, _, _, let code, _): return code
        case .retriesExhausted(_, let last): return last.serviceCode
        default: return nil
        }
    }

    public var isConditionalCheckFailed: Bool { serviceCode == "ConditionalCheckFailedException" }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
