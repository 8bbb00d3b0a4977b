import Foundation

/// One header line; order and duplicates are kept because SigV4 joins repeated headers in order.
public struct HTTPHeader: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// One query parameter, not percent-encoded.
public struct QueryItem: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

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

/// An HTTP answer: status, headers (names as sent) and body.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [HTTPHeader]
    public var body: Data

    public init(status: Int, headers: [HTTPHeader] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
