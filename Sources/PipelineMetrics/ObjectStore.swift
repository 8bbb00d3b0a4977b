import AWS
import Foundation

/// `s3://bucket/key`.
public struct S3Location: Sendable, Hashable, CustomStringConvertible {
    public var bucket: String
    public var key: String

    public init(bucket: String, key: String) {
        self.bucket = bucket
        self.key = key
    }

    /// nil unless `url` is `s3://BUCKET/KEY` with both parts non-empty.
    public init?(_ url: String) {
        guard url.hasPrefix("s3://") else { return nil }
        let rest = url.dropFirst(5)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let bucket = String(rest[..<slash]), key = String(rest[rest.index(after: slash)...])
        guard !bucket.isEmpty, !key.isEmpty else { return nil }
        self.init(bucket: bucket, key: key)
    }

    public var description: String { "s3://\(bucket)/\(key)" }
}

/// Where the metrics object goes: S3 in production (`S3Client`), a recording fake in ordering tests.
public protocol ObjectStore: Sendable {
    func put(_ body: Data, at location: S3Location) async throws
    func delete(_ location: S3Location) async throws
}

extension S3Client: ObjectStore {
    public func put(_ body: Data, at location: S3Location) async throws {
        try await putObject(bucket: location.bucket, key: location.key, body: body, contentType: "application/json")
    }

    public func delete(_ location: S3Location) async throws {
        try await deleteObject(bucket: location.bucket, key: location.key)
    }
}
