import Basics
import Crypto
import Foundation

/// AWS Signature Version 4, header form. A pure value: the same request, credentials and date always give
/// the same signature. The steps are named after the AWS specification so tests can check each one.
public struct SigV4Signer: Sendable {
    /// Where the session token goes: signed (most services, and what we send), or added after signing
    /// (the test suite's `post-sts-header-after` case).
    public enum SessionTokenPlacement: Sendable { case signed, afterSigning }

    public var credentials: AWSCredentials
    public var region: String
    public var service: String
    /// S3 signs the path exactly as given; other services normalize `.`/`..`/`//` first.
    public var normalizesPath: Bool
    /// S3 requires the payload hash as an `x-amz-content-sha256` header.
    public var addsContentSHA256Header: Bool
    public var sessionTokenPlacement: SessionTokenPlacement

    public static let algorithm = "AWS4-HMAC-SHA256"

    public init(
        credentials: AWSCredentials, region: String, service: String,
        sessionTokenPlacement: SessionTokenPlacement = .signed
    ) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.normalizesPath = service != "s3"
        self.addsContentSHA256Header = service == "s3"
        self.sessionTokenPlacement = sessionTokenPlacement
    }

    /// The request with `X-Amz-Date`, `Authorization` and, as configured, `X-Amz-Security-Token` and
    /// `x-amz-content-sha256` headers.
    public func sign(_ request: HTTPRequest, date: Date) -> HTTPRequest {
        var signed = prepare(request, date: date)
        signed.headers.append(HTTPHeader("Authorization", authorization(for: signed, date: date)))
        if sessionTokenPlacement == .afterSigning, let token = credentials.sessionToken,
            signed.header("X-Amz-Security-Token") == nil
        {
            signed.headers.append(HTTPHeader("X-Amz-Security-Token", token))
        }
        return signed
    }

    /// Adds the headers that are part of the signature (date, host, token, payload hash) when missing.
    public func prepare(_ request: HTTPRequest, date: Date) -> HTTPRequest {
        var request = request
        if request.header("Host") == nil { request.headers.append(HTTPHeader("Host", request.endpoint.hostHeader)) }
        if request.header("X-Amz-Date") == nil {
            request.headers.append(HTTPHeader("X-Amz-Date", Self.timestamp(date)))
        }
        if sessionTokenPlacement == .signed, let token = credentials.sessionToken,
            request.header("X-Amz-Security-Token") == nil
        {
            request.headers.append(HTTPHeader("X-Amz-Security-Token", token))
        }
        if addsContentSHA256Header, request.header("x-amz-content-sha256") == nil {
            request.headers.append(HTTPHeader("x-amz-content-sha256", Self.hexSHA256(request.body)))
        }
        return request
    }

    // MARK: The specification's steps

    /// Task 1: method, canonical URI, canonical query, canonical headers, signed headers, payload hash.
    public func canonicalRequest(_ request: HTTPRequest) -> String {
        let path = normalizesPath ? URIEncoding.normalizePath(request.path) : request.path
        let headers = canonicalHeaders(request.headers)
        return [
            request.method,
            URIEncoding.encodePath(path),
            URIEncoding.canonicalQuery(request.query),
            headers.map { "\($0.name):\($0.value)\n" }.joined(),
            headers.map(\.name).joined(separator: ";"),
            request.header("x-amz-content-sha256") ?? Self.hexSHA256(request.body),
        ].joined(separator: "\n")
    }

    /// `yyyymmdd/region/service/aws4_request`.
    public func credentialScope(date: Date) -> String {
        "\(Self.timestamp(date).prefix(8))/\(region)/\(service)/aws4_request"
    }

    /// Task 2: algorithm, timestamp, scope, hash of the canonical request.
    public func stringToSign(canonicalRequest: String, date: Date) -> String {
        [
            Self.algorithm, Self.timestamp(date), credentialScope(date: date),
            Self.hexSHA256(Data(canonicalRequest.utf8)),
        ].joined(separator: "\n")
    }

    /// Task 3: HMAC chain over date, region, service and `aws4_request`, keyed with `AWS4` + secret.
    public func signingKey(date: Date) -> SymmetricKey {
        var key = SymmetricKey(data: Data(("AWS4" + credentials.secretAccessKey).utf8))
        for part in [String(Self.timestamp(date).prefix(8)), region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }

    public func signature(stringToSign: String, date: Date) -> String {
        Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: signingKey(date: date)))
    }

    /// Task 4: the `Authorization` header value for a prepared request.
    public func authorization(for request: HTTPRequest, date: Date) -> String {
        let signedHeaders = canonicalHeaders(request.headers).map(\.name).joined(separator: ";")
        let toSign = stringToSign(canonicalRequest: canonicalRequest(request), date: date)
        return "\(Self.algorithm) Credential=\(credentials.accessKeyId)/\(credentialScope(date: date)), "
            + "SignedHeaders=\(signedHeaders), Signature=\(signature(stringToSign: toSign, date: date))"
    }

    // MARK: Helpers

    /// Lower-case names, sorted; repeated headers joined with `,` in order; values trimmed and inner
    /// whitespace runs (folded lines too) collapsed to one space. `Authorization` is never signed.
    func canonicalHeaders(_ headers: [HTTPHeader]) -> [HTTPHeader] {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for header in headers {
            let name = header.name.lowercased()
            if name == "authorization" { continue }
            if values[name] == nil { order.append(name) }
            values[name, default: []].append(Self.collapseWhitespace(header.value))
        }
        return order.sorted().map { HTTPHeader($0, values[$0]!.joined(separator: ",")) }
    }

    static func collapseWhitespace(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC.
    public static func timestamp(_ date: Date) -> String { UTCDate.basicTimestamp(date) }

    public static func hexSHA256(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}
