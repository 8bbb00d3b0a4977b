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
