import Foundation

/// The instance's region from IMDSv2, the last place `AWSRegion.resolve` looks, as the AWS SDKs do on EC2 and
/// EMR: `PUT /latest/api/token` (TTL header), then `GET /latest/meta-data/placement/region` with the token. Same
/// endpoint rules and timeouts as the instance credentials (1 s connect, 2 s total per request).
///
/// Blocking, on purpose: region resolution is synchronous (it runs once, while a command configures AWS, before
/// anything is sent) and is reached only when no flag, environment variable or profile names a region; off EC2
/// it costs at most the connect timeout.
public struct InstanceMetadataRegion: Sendable {
    public var endpoint: AWSEndpoint
    public var timeouts: HTTPTimeouts

    static let regionPath = "/latest/meta-data/placement/region"

    public init(endpoint: AWSEndpoint, timeouts: HTTPTimeouts = .metadata) {
        self.endpoint = endpoint
        self.timeouts = timeouts
    }

    /// Endpoint from `AWS_EC2_METADATA_SERVICE_ENDPOINT`, else the link-local address; `nil` when
    /// `AWS_EC2_METADATA_DISABLED=true`.
    public static func fromEnvironment(_ environment: [String: String]) throws(AWSError) -> InstanceMetadataRegion? {
        if environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" { return nil }
        let url = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 }
            ?? InstanceMetadataCredentialProvider.defaultEndpoint
        return InstanceMetadataRegion(endpoint: try AWSEndpoint(url: url))
    }

    /// The region, or an error that says why there is none (no service, a refused token, no region document).
    public func region() throws(AWSError) -> String {
        let token = try send(HTTPRequest(
            method: "PUT", endpoint: endpoint, path: "/latest/api/token",
            headers: [HTTPHeader("X-aws-ec2-metadata-token-ttl-seconds", "21600")]))
        guard token.status == 200 else { throw failure("token request answered HTTP \(token.status)") }
        let answer = try send(HTTPRequest(
            method: "GET", endpoint: endpoint, path: Self.regionPath,
            headers: [HTTPHeader("X-aws-ec2-metadata-token", String(decoding: token.body, as: UTF8.self))]))
        guard answer.status == 200 else { throw failure("\(Self.regionPath) answered HTTP \(answer.status)") }
        let region = String(decoding: answer.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        // A region name is letters, digits and dashes (eu-west-2, us-gov-west-1); anything else is not one.
        guard !region.isEmpty, region.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || (0x30...0x39).contains($0) || (0x61...0x7a).contains($0) })
        else { throw failure("\(Self.regionPath) is not a region name") }
        return region
    }

    private func send(_ request: HTTPRequest) throws(AWSError) -> HTTPResponse {
        guard let easy = CurlEasy() else {
            throw .transport(operation: "IMDS \(request.method) \(request.path)", endpoint: endpoint.description, reason: "curl_easy_init failed")
        }
        switch easy.perform(request, timeouts: timeouts, transfer: CurlTransfer()) {
        case .success(let response): return response
        case .failure(let failure):
            throw failure.awsError(operation: "IMDS \(request.method) \(request.path)", endpoint: endpoint.description)
        }
    }

    private func failure(_ reason: String) -> AWSError { .metadataService(endpoint: endpoint.description, reason: reason) }
}
