import AWS
import Foundation
import Testing

/// The region from IMDSv2, the last source of `AWSRegion.resolve`, against a metadata service of our own on
/// 127.0.0.1 (token by PUT, then the region with the token, as EC2 serves it).
@Suite struct InstanceMetadataRegionTests {
    static func emulator(region: String? = "eu-west-2", tokenStatus: Int = 200) throws -> FaultInjectingServer {
        try FaultInjectingServer { request in
            if request.method == "PUT", request.path == "/latest/api/token" {
                guard request.headers["x-aws-ec2-metadata-token-ttl-seconds"] == "21600" else { return .respond(status: 400) }
                return .respond(status: tokenStatus, body: "TOKEN-R")
            }
            guard request.method == "GET", request.headers["x-aws-ec2-metadata-token"] == "TOKEN-R" else { return .respond(status: 401) }
            guard request.path == "/latest/meta-data/placement/region", let region else { return .respond(status: 404) }
            return .respond(status: 200, body: region)
        }
    }

    /// Nothing but the metadata endpoint: the region comes from the instance, token first.
    @Test func theRegionComesFromTheInstanceWhenNothingElseSetsIt() throws {
        let server = try Self.emulator()
        defer { server.stop() }
        let environment = ["HOME": "/nonexistent", "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.url]
        #expect(try AWSRegion.resolve(environment: environment) == "eu-west-2")
        #expect(server.requests.map { "\($0.method) \($0.path)" } == ["PUT /latest/api/token", "GET /latest/meta-data/placement/region"])
        // And through the configuration every client is built from.
        #expect(try AWSConfiguration.fromEnvironment(environment).region == "eu-west-2")
    }

    /// Anything else that names a region wins, and the metadata service is not asked.
    @Test func flagEnvironmentAndProfileComeFirst() throws {
        let server = try Self.emulator()
        defer { server.stop() }
        let base = ["HOME": "/nonexistent", "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.url]
        #expect(try AWSRegion.resolve(explicit: "us-east-1", environment: base) == "us-east-1")
        #expect(try AWSRegion.resolve(environment: base.merging(["AWS_REGION": "sa-east-1"]) { $1 }) == "sa-east-1")
        #expect(try AWSRegion.resolve(environment: base.merging(["AWS_DEFAULT_REGION": "ap-south-1"]) { $1 }) == "ap-south-1")
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-region-\(UUID().uuidString)")
        try "[default]\nregion = eu-central-1\n".write(to: config, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: config) }
        #expect(try AWSRegion.resolve(environment: base.merging(["AWS_CONFIG_FILE": config.path]) { $1 }) == "eu-central-1")
        #expect(server.requests.isEmpty)
    }

    @Test func noRegionAnywhereIsOneClearLineSayingWhyTheInstanceGaveNone() throws {
        let closed = "http://127.0.0.1:\(try closedPort())"
        let error = #expect(throws: AWSError.self) {
            try AWSRegion.resolve(environment: ["HOME": "/nonexistent", "AWS_EC2_METADATA_SERVICE_ENDPOINT": closed])
        }
        let description = try #require(error?.description)
        #expect(description.hasPrefix(
            "no AWS region: pass --aws-region, set AWS_REGION or AWS_DEFAULT_REGION, or region in the shared config file (instance metadata: IMDS PUT /latest/api/token at \(closed): connection failed: "))
        #expect(!description.contains("\n"))

        #expect(throws: AWSError.missingRegion(metadata: "disabled by AWS_EC2_METADATA_DISABLED")) {
            try AWSRegion.resolve(environment: ["HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true"])
        }
        #expect(AWSError.missingRegion(metadata: "disabled by AWS_EC2_METADATA_DISABLED").description
            == "no AWS region: pass --aws-region, set AWS_REGION or AWS_DEFAULT_REGION, or region in the shared config file (instance metadata: disabled by AWS_EC2_METADATA_DISABLED)")
    }

    @Test func aServiceThatRefusesTheTokenOrHasNoRegionGivesNone() throws {
        let refusing = try Self.emulator(tokenStatus: 403)
        defer { refusing.stop() }
        #expect(throws: AWSError.missingRegion(metadata: "instance metadata service at \(refusing.url): token request answered HTTP 403")) {
            try AWSRegion.resolve(environment: ["HOME": "/nonexistent", "AWS_EC2_METADATA_SERVICE_ENDPOINT": refusing.url])
        }
        let empty = try Self.emulator(region: nil)
        defer { empty.stop() }
        #expect(throws: AWSError.missingRegion(metadata: "instance metadata service at \(empty.url): /latest/meta-data/placement/region answered HTTP 404")) {
            try AWSRegion.resolve(environment: ["HOME": "/nonexistent", "AWS_EC2_METADATA_SERVICE_ENDPOINT": empty.url])
        }
        let odd = try Self.emulator(region: "<html>eu-west-2</html>")
        defer { odd.stop() }
        #expect(throws: AWSError.missingRegion(metadata: "instance metadata service at \(odd.url): /latest/meta-data/placement/region is not a region name")) {
            try AWSRegion.resolve(environment: ["HOME": "/nonexistent", "AWS_EC2_METADATA_SERVICE_ENDPOINT": odd.url])
        }
    }

    /// A service that accepts and never answers: the metadata timeout (2 s total), not the AWS one (30 s).
    @Test func aStalledServiceEndsAtTheMetadataTimeout() throws {
        let server = try FaultInjectingServer { _ in .stall(seconds: 20) }
        defer { server.stop() }
        let error = #expect(throws: AWSError.self) {
            try AWSRegion.resolve(environment: ["HOME": "/nonexistent", "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.url])
        }
        #expect(error == .missingRegion(metadata: AWSError.timeout(operation: "IMDS PUT /latest/api/token", endpoint: server.url, seconds: 2).description))
    }
}
