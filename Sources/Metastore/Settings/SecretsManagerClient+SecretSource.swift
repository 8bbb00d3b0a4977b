import AWS

/// Preflight reads the metastore secret with the AWS layer's GetSecretValue.
extension SecretsManagerClient: SecretSource {
    public func secretString(id: String) async throws -> String {
        try await getSecretString(id: id)
    }
}
