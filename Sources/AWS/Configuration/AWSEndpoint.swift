import Basics

/// Where requests go: scheme, host and port. Parsed from `AWS_ENDPOINT_URL`, `--aws-endpoint` or built from
/// the region for real AWS.
public struct AWSEndpoint: Sendable, Equatable, CustomStringConvertible {
    public var scheme: String
    public var host: String
    public var port: Int?

    public init(scheme: String = "https", host: String, port: Int? = nil) {
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    /// Parses `http(s)://host[:port][/]`; anything else (a path, user info, no host) is an error.
    public init(url: String) throws(AWSError) {
        let parts = url.split(separator: "://", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0] == "http" || parts[0] == "https" else { throw .invalidEndpoint(url) }
        var rest = parts[1]
        if rest.hasSuffix("/") { rest.removeLast() }
        guard !rest.isEmpty, !rest.contains("/"), !rest.contains("@"), !rest.contains("?") else {
            throw .invalidEndpoint(url)
        }
        var port: Int?
        if let colon = rest.lastIndex(of: ":"), !rest.hasSuffix("]") {
            guard let number = PortNumber.parse(rest[rest.index(after: colon)...]) else {
                throw .invalidEndpoint(url)
            }
            port = number
            rest = String(rest[..<colon])
        }
        guard !rest.isEmpty else { throw .invalidEndpoint(url) }
        self.init(scheme: parts[0], host: rest, port: port)
    }

    /// The regional AWS endpoint of a service, e.g. `https://dynamodb.eu-west-2.amazonaws.com`.
    public static func aws(service: String, region: String) -> AWSEndpoint {
        AWSEndpoint(host: "\(service).\(region).amazonaws.com")
    }

    /// The `Host` header: the port only when it is not the scheme's default.
    public var hostHeader: String {
        guard let port, port != (scheme == "https" ? 443 : 80) else { return host }
        return "\(host):\(port)"
    }

    public var baseURL: String { "\(scheme)://\(hostHeader)" }

    public var description: String { baseURL }
}
