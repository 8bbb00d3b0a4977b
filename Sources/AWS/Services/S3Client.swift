import Foundation

/// S3 object calls, path-style (`/bucket/key`), which works with every endpoint override.
public struct S3Client: Sendable {
    public let client: AWSServiceClient

    public init(configuration: AWSConfiguration) {
        client = AWSServiceClient(service: "s3", configuration: configuration)
    }

    public func putObject(bucket: String, key: String, body: Data, contentType: String = "application/octet-stream") async throws {
        let request = HTTPRequest(
            method: "PUT", endpoint: client.endpoint, path: Self.path(bucket, key),
            headers: [HTTPHeader("Content-Type", contentType)], body: body)
        _ = try await client.send(operation: "PutObject s3://\(bucket)/\(key)", request)
    }

    /// The object's bytes; throws `NoSuchKey` when it does not exist.
    public func getObject(bucket: String, key: String) async throws -> Data {
        let request = HTTPRequest(method: "GET", endpoint: client.endpoint, path: Self.path(bucket, key))
        return try await client.send(operation: "GetObject s3://\(bucket)/\(key)", request).body
    }

    /// Deleting a missing key succeeds, as in S3.
    public func deleteObject(bucket: String, key: String) async throws {
        let request = HTTPRequest(method: "DELETE", endpoint: client.endpoint, path: Self.path(bucket, key))
        _ = try await client.send(operation: "DeleteObject s3://\(bucket)/\(key)", request)
    }

    /// For tests and new environments; outside us-east-1 S3 needs the location constraint.
    public func createBucket(_ bucket: String) async throws {
        let region = client.configuration.region
        let body =
            region == "us-east-1"
            ? Data()
            : Data(
                "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>\(region)</LocationConstraint></CreateBucketConfiguration>"
                    .utf8)
        let request = HTTPRequest(
            method: "PUT", endpoint: client.endpoint, path: "/\(bucket)",
            headers: body.isEmpty ? [] : [HTTPHeader("Content-Type", "application/xml")], body: body)
        _ = try await client.send(operation: "CreateBucket s3://\(bucket)", request)
    }

    static func path(_ bucket: String, _ key: String) -> String { "/\(bucket)/\(key)" }
}
