import AWS

/// Secrets Manager configured from the environment (region, `AWS_ENDPOINT_URL`, credentials chain) only when a
/// secret is asked for, so a preflight that needs no secret needs no AWS region either.
public struct EnvironmentSecretSource: SecretSource {
    public var environment: [String: String]

    public init(environment: [String: String]) { self.environment = environment }

    public func secretString(id: String) async throws -> String {
        let configuration = try AWSConfiguration.fromEnvironment(environment)
        return try await SecretsManagerClient(configuration: configuration).getSecretString(id: id)
    }
}
