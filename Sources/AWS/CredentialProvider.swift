/// One source of credentials in the chain.
public protocol CredentialProvider: Sendable {
    /// Names the source in error messages, e.g. `environment`, `profile default`.
    var name: String { get }
    /// `nil` when this source is not configured (the chain goes on); throws when it is configured but broken.
    func credentials() async throws -> AWSCredentials?
}

/// Fixed credentials, e.g. for tests or credentials obtained elsewhere.
public struct StaticCredentialProvider: CredentialProvider {
    public let name = "static"
    public let value: AWSCredentials
    public init(_ value: AWSCredentials) { self.value = value }
    public func credentials() async throws -> AWSCredentials? { value }
}

/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and optionally `AWS_SESSION_TOKEN`.
public struct EnvironmentCredentialProvider: CredentialProvider {
    public let name = "environment"
    public let environment: [String: String]
    public init(environment: [String: String]) { self.environment = environment }

    public func credentials() async throws -> AWSCredentials? {
        guard let key = environment["AWS_ACCESS_KEY_ID"], !key.isEmpty,
            let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty
        else { return nil }
        let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        return AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: token)
    }
}

/// Tries each provider in order and keeps to the first that answers (as the AWS SDKs do); that provider
/// does its own caching and refreshing.
public actor CredentialChain: CredentialProvider {
    public nonisolated let name = "chain"
    public let providers: [any CredentialProvider]
    private var chosen: (any CredentialProvider)?

    public init(_ providers: [any CredentialProvider]) { self.providers = providers }

    public func credentials() async throws -> AWSCredentials? {
        if let chosen, let credentials = try await chosen.credentials() { return credentials }
        var tried: [String] = []
        for provider in providers {
            if let credentials = try await provider.credentials() {
                chosen = provider
                return credentials
            }
            tried.append(provider.name)
        }
        throw AWSError.noCredentials(tried: tried)
    }
}
