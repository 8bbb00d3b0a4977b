import Foundation

/// An HTTP request as the signer and the HTTP client see it. `path` and `query` hold decoded text;
/// encoding happens once, in `SigV4Signer` (canonical form) and in `url` (wire form), the same way.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    public var endpoint: AWSEndpoint
    public var path: String
    public var query: [QueryItem]
    public var headers: [HTTPHeader]
    public var body: Data

    public init(
        method: String, endpoint: AWSEndpoint, path: String = "/", query: [QueryItem] = [],
        headers: [HTTPHeader] = [], body: Data = Data()
    ) {
        self.method = method
        self.endpoint = endpoint
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
        headers.append(HTTPHeader(name, value))
    }

    /// The URL put on the wire: path segments and query percent-encoded as in the canonical request.
    public var url: String {
        var url = endpoint.baseURL + URIEncoding.encodePath(path)
        if !query.isEmpty { url += "?" + URIEncoding.canonicalQuery(query) }
        return url
    }
}

extension HTTPRequest: CustomStringConvertible {
    /// Method, URL and header names with values, except the session token and the signature: a request
    /// printed in a log or a test failure never shows a credential.
    public var description: String {
        let secret: Set<String> = ["authorization", "x-amz-security-token", "x-aws-ec2-metadata-token"]
        let headers = headers.map { secret.contains($0.name.lowercased()) ? "\($0.name): <redacted>" : "\($0.name): \($0.value)" }
        return "\(method) \(url) [\(headers.joined(separator: ", "))] (\(body.count) bytes)"
    }
}
