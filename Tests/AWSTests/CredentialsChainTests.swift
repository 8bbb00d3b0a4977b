import AWS
import Foundation
import Synchronization
import Testing

/// The credentials chain against an IMDSv2 emulator of our own, temporary shared files and fixed environments.
@Suite struct CredentialsChainTests {
    /// IMDSv2 as EC2 serves it: a token from PUT (TTL header required), then role and credentials only with the
    /// token. Each credentials fetch hands out a new key (`AKID1`, `AKID2`...) valid for one hour from `clock`.
    static func emulator(clock: ManualClock, role: String? = "EMR_EC2_DefaultRole") throws -> FaultInjectingServer {
        let fetches = Mutex(0)
        return try FaultInjectingServer { request in
            if request.method == "PUT", request.path == "/latest/api/token" {
                guard request.headers["x-aws-ec2-metadata-token-ttl-seconds"] == "21600" else { return .respond(status: 400) }
                return .respond(status: 200, body: "TOKEN-1")
            }
            guard request.method == "GET", request.headers["x-aws-ec2-metadata-token"] == "TOKEN-1" else {
                return .respond(status: 401)
            }
            guard let role else { return .respond(status: 404) }
            switch request.path {
            case "/latest/meta-data/iam/security-credentials/":
                return .respond(status: 200, body: role)
            case "/latest/meta-data/iam/security-credentials/\(role)":
                let number = fetches.withLock { $0 += 1; return $0 }
                let expiration = ISO8601DateFormatter().string(from: clock.now.addingTimeInterval(3600))
                return .respond(
                    status: 200,
                    body: #"{"Code":"Success","AccessKeyId":"AKID\#(number)","SecretAccessKey":"secret\#(number)","Token":"token\#(number)","Expiration":"\#(expiration)"}"#)
            default:
                return .respond(status: 404)
            }
        }
    }

    @Test func imdsV2FetchesWithATokenCachesAndRefreshesBeforeExpiration() async throws {
        let clock = ManualClock()
        let server = try Self.emulator(clock: clock)
        defer { server.stop() }
        let provider = InstanceMetadataCredentialProvider(
            endpoint: try AWSEndpoint(url: server.url), clock: clock.function, refreshMargin: 300)

        let first = try #require(try await provider.credentials())
        #expect(first.accessKeyId == "AKID1")
        #expect(first.secretAccessKey == "secret1")
        #expect(first.sessionToken == "token1")
        #expect(first.expiration == clock.now.addingTimeInterval(3600))
        #expect(server.requests.map { "\($0.method) \($0.path)" } == [
            "PUT /latest/api/token", "GET /latest/meta-data/iam/security-credentials/",
            "GET /latest/meta-data/iam/security-credentials/EMR_EC2_DefaultRole",
        ])

        clock.advance(3600 - 301)  // still more than the margin left: cached
        #expect(try await provider.credentials()?.accessKeyId == "AKID1")
        #expect(server.requests.count == 3)

        clock.advance(2)  // within 5 minutes of Expiration: fetched again
        #expect(try await provider.credentials()?.accessKeyId == "AKID2")
        #expect(server.requests.count == 6)
    }

    @Test func noMetadataServiceMeansNotConfigured() async throws {
        let provider = InstanceMetadataCredentialProvider(endpoint: try AWSEndpoint(url: "http://127.0.0.1:\(try closedPort())"))
        #expect(try await provider.credentials() == nil)
    }

    @Test func anInstanceWithoutARoleHasNoCredentials() async throws {
        let server = try Self.emulator(clock: ManualClock(), role: nil)
        defer { server.stop() }
        let provider = InstanceMetadataCredentialProvider(endpoint: try AWSEndpoint(url: server.url))
        #expect(try await provider.credentials() == nil)
    }

    @Test func aMetadataServiceRefusingTheTokenIsAnError() async throws {
        let server = try FaultInjectingServer { _ in .respond(status: 403) }
        defer { server.stop() }
        let provider = InstanceMetadataCredentialProvider(endpoint: try AWSEndpoint(url: server.url))
        await #expect(throws: AWSError.metadataService(endpoint: server.url, reason: "token request answered HTTP 403")) {
            try await provider.credentials()
        }
    }

    @Test func theChainFallsThroughToIMDSFromTheEnvironmentEndpoint() async throws {
        let server = try Self.emulator(clock: ManualClock())
        defer { server.stop() }
        let environment = [
            "HOME": "/nonexistent", "AWS_REGION": "eu-west-2", "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.url,
        ]
        let configuration = try AWSConfiguration.fromEnvironment(environment)
        #expect(configuration.region == "eu-west-2")
        #expect(configuration.endpoint == nil)
        #expect(try await configuration.credentials.credentials()?.accessKeyId == "AKID1")
    }

    @Test func environmentVariablesComeFirst() async throws {
        let environment = [
            "HOME": "/nonexistent", "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "envsecret",
            "AWS_SESSION_TOKEN": "envtoken", "AWS_DEFAULT_REGION": "eu-west-1",
            "AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:\(try closedPort())",
        ]
        let configuration = try AWSConfiguration.fromEnvironment(environment, endpoint: "http://localhost:4566")
        #expect(
            try await configuration.credentials.credentials()
                == AWSCredentials(accessKeyId: "AKIDENV", secretAccessKey: "envsecret", sessionToken: "envtoken"))
        #expect(configuration.region == "eu-west-1")
        #expect(configuration.endpoint == AWSEndpoint(scheme: "http", host: "localhost", port: 4566))
    }

    @Test func nothingConfiguredListsWhatWasTried() async throws {
        let environment = ["HOME": "/nonexistent", "AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:\(try closedPort())"]
        let configuration = try AWSConfiguration.fromEnvironment(environment, region: "us-east-1")
        let error = await #expect(throws: AWSError.self) { try await configuration.credentials.credentials() }
        #expect(error?.description == "no AWS credentials found (tried: environment; profile default; instance metadata (IMDSv2))")
    }

    @Test func sharedFilesFollowAWSProfileAndGiveTheRegion() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-aws-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
            [default]
            aws_access_key_id = AKIDDEFAULT
            aws_secret_access_key = defaultsecret

            [dev]
            aws_access_key_id=AKIDDEV
            aws_secret_access_key=devsecret
            aws_session_token=devtoken
            """.write(to: directory.appendingPathComponent("credentials"), atomically: true, encoding: .utf8)
        try """
            [default]
            region = us-west-2
            # a comment
            [profile dev]
            region = eu-west-2
            """.write(to: directory.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        let base = [
            "AWS_SHARED_CREDENTIALS_FILE": directory.appendingPathComponent("credentials").path,
            "AWS_CONFIG_FILE": directory.appendingPathComponent("config").path, "AWS_EC2_METADATA_DISABLED": "true",
        ]
        let dev = base.merging(["AWS_PROFILE": "dev"]) { $1 }
        #expect(
            try await ProfileCredentialProvider(environment: dev).credentials()
                == AWSCredentials(accessKeyId: "AKIDDEV", secretAccessKey: "devsecret", sessionToken: "devtoken"))
        #expect(try AWSRegion.resolve(environment: dev) == "eu-west-2")
        #expect(try await ProfileCredentialProvider(environment: base).credentials()?.accessKeyId == "AKIDDEFAULT")
        #expect(try AWSRegion.resolve(environment: base) == "us-west-2")
        #expect(try AWSRegion.resolve(environment: base.merging(["AWS_DEFAULT_REGION": "ap-south-1"]) { $1 }) == "ap-south-1")
        #expect(
            try AWSRegion.resolve(environment: base.merging(["AWS_REGION": "sa-east-1", "AWS_DEFAULT_REGION": "ap-south-1"]) { $1 })
                == "sa-east-1")

        let missing = base.merging(["AWS_PROFILE": "prod"]) { $1 }
        let error = await #expect(throws: AWSError.self) { try await ProfileCredentialProvider(environment: missing).credentials() }
        #expect(error?.description == "\(base["AWS_SHARED_CREDENTIALS_FILE"]!): profile 'prod' (AWS_PROFILE) not found here nor in \(base["AWS_CONFIG_FILE"]!)")
    }

    @Test func noRegionAnywhereIsAClearError() {
        #expect(throws: AWSError.missingRegion(metadata: "disabled by AWS_EC2_METADATA_DISABLED")) {
            try AWSRegion.resolve(environment: ["HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true"])
        }
    }

    @Test func endpointsParseAndRejectWhatIsNotSchemeHostPort() throws {
        #expect(try AWSEndpoint(url: "http://127.0.0.1:5000/") == AWSEndpoint(scheme: "http", host: "127.0.0.1", port: 5000))
        #expect(try AWSEndpoint(url: "https://dynamodb.eu-west-2.amazonaws.com").hostHeader == "dynamodb.eu-west-2.amazonaws.com")
        for bad in ["localhost:4566", "ftp://x", "http://", "http://host:99999", "http://host/path", "http://user@host"] {
            #expect(throws: AWSError.invalidEndpoint(bad)) { try AWSEndpoint(url: bad) }
        }
        #expect(AWSError.invalidEndpoint("localhost:4566").description == "invalid AWS endpoint 'localhost:4566': expected http://host[:port] or https://host[:port]")
    }
}
