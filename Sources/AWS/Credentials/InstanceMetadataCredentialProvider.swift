import Foundation

/// Instance role credentials from IMDSv2, as on EMR: `PUT /latest/api/token` (TTL header), then the role name
/// and the role's credentials with the token header. Credentials are cached and fetched again
/// `refreshMargin` seconds before their `Expiration`. No metadata service at all (connection refused,
/// timeout) means "not configured"; a service that answers wrongly is an error.
public actor InstanceMetadataCredentialProvider: CredentialProvider {
    public nonisolated let name = "instance metadata (IMDSv2)"
    public let endpoint: AWSEndpoint
    private let http: any HTTPClient
    private let clock: @Sendable () -> Date
    private let refreshMargin: Double
    private var cached: AWSCredentials?

    static let credentialsPath = "/latest/meta-data/iam/security-credentials/"
    public static let defaultEndpoint = "http://169.254.169.254"

    public init(
        endpoint: AWSEndpoint, http: any HTTPClient = CurlHTTPClient(timeouts: .metadata),
        clock: @escaping @Sendable () -> Date = { Date() }, refreshMargin: Double = 300
    ) {
        self.endpoint = endpoint
        self.http = http
        self.clock = clock
        self.refreshMargin = refreshMargin
    }

    /// Endpoint from `AWS_EC2_METADATA_SERVICE_ENDPOINT`, else the link-local address; `nil` when
    /// `AWS_EC2_METADATA_DISABLED=true`.
    public static func fromEnvironment(
        _ environment: [String: String], clock: @escaping @Sendable () -> Date = { Date() }
    ) throws(AWSError) -> InstanceMetadataCredentialProvider? {
        if environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" { return nil }
        let url = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultEndpoint
        return InstanceMetadataCredentialProvider(endpoint: try AWSEndpoint(url: url), clock: clock)
    }

    public func credentials() async throws -> AWSCredentials? {
        if let cached, let expiration = cached.expiration, expiration.timeIntervalSince(clock()) > refreshMargin {
            return cached
        }
        do {
            cached = try await fetch()
        } catch let error as AWSError {
            // Keep serving still-valid credentials through a failed early refresh.
            if let cached, let expiration = cached.expiration, expiration > clock() { return cached }
            switch error {
            case .transport, .timeout: return nil
            default: throw error
            }
        }
        return cached
    }

    private func fetch() async throws -> AWSCredentials? {
        let tokenResponse = try await get(
            "PUT", "/latest/api/token", headers: [HTTPHeader("X-aws-ec2-metadata-token-ttl-seconds", "21600")])
        guard tokenResponse.status == 200 else { throw failure("token request answered HTTP \(tokenResponse.status)") }
        let token = HTTPHeader("X-aws-ec2-metadata-token", String(decoding: tokenResponse.body, as: UTF8.self))

        let roles = try await get("GET", Self.credentialsPath, headers: [token])
        if roles.status == 404 { return nil }  // an instance without a role
        guard roles.status == 200 else { throw failure("role list answered HTTP \(roles.status)") }
        guard let role = String(decoding: roles.body, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) else {
            throw failure("no role name in \(Self.credentialsPath)")
        }

        let document = try await get("GET", Self.credentialsPath + role, headers: [token])
        guard document.status == 200 else { throw failure("credentials of role \(role) answered HTTP \(document.status)") }
        guard let json = try? JSONSerialization.jsonObject(with: document.body) as? [String: Any],
            let key = json["AccessKeyId"] as? String, let secret = json["SecretAccessKey"] as? String
        else { throw failure("credentials of role \(role) are not the expected JSON") }
        guard let text = json["Expiration"] as? String, let expiration = try? Date(text, strategy: .iso8601) else {
            throw failure("credentials of role \(role) have no valid Expiration")
        }
        return AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: json["Token"] as? String, expiration: expiration)
    }

    private func get(_ method: String, _ path: String, headers: [HTTPHeader]) async throws -> HTTPResponse {
        let request = HTTPRequest(method: method, endpoint: endpoint, path: path, headers: headers)
        return try await http.send(request, operation: "IMDS \(method) \(path)")
    }

    private func failure(_ reason: String) -> AWSError { .metadataService(endpoint: endpoint.description, reason: reason) }
}
