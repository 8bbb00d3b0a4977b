/// Where a secret's JSON comes from: Secrets Manager GetSecretValue in production, a stub in unit tests.
public protocol SecretSource: Sendable {
    func secretString(id: String) async throws -> String
}
