import Foundation

/// What every service client needs: region, endpoint override, credentials, transport, retries, clock.
/// Built once from the environment (`fromEnvironment`) and passed in; nothing below reads the environment.
public struct AWSConfiguration: Sendable {
    public var region: String
    /// `nil` means the real regional AWS endpoint of each service.
    public var endpoint: AWSEndpoint?
    public var credentials: any CredentialProvider
    public var http: any HTTPClient
    public var retry: AWSRetryPolicy
    public var clock: @Sendable () -> Date

    public init(
        region: String, endpoint: AWSEndpoint? = nil, credentials: any CredentialProvider,
        http: any HTTPClient = CurlHTTPClient(), retry: AWSRetryPolicy = AWSRetryPolicy(),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.region = region
        self.endpoint = endpoint
        self.credentials = credentials
        self.http = http
        self.retry = retry
        self.clock = clock
    }

    /// Region from `region` or the environment/config files; endpoint from `endpoint` or `AWS_ENDPOINT_URL`;
    /// credentials from the chain environment → shared files (`AWS_PROFILE`) → IMDSv2.
    public static func fromEnvironment(
        _ environment: [String: String], endpoint: String? = nil, region: String? = nil,
        http: any HTTPClient = CurlHTTPClient()
    ) throws(AWSError) -> AWSConfiguration {
        let url = endpoint ?? environment["AWS_ENDPOINT_URL"].flatMap { $0.isEmpty ? nil : $0 }
        let resolvedEndpoint = try url.map { url throws(AWSError) in try AWSEndpoint(url: url) }
        let resolvedRegion = try AWSRegion.resolve(explicit: region, environment: environment)
        var providers: [any CredentialProvider] = [
            EnvironmentCredentialProvider(environment: environment), ProfileCredentialProvider(environment: environment),
        ]
        if let metadata = try InstanceMetadataCredentialProvider.fromEnvironment(environment) { providers.append(metadata) }
        return AWSConfiguration(
            region: resolvedRegion, endpoint: resolvedEndpoint,
            credentials: CredentialChain(providers), http: http)
    }
}
