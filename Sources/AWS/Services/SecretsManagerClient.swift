import Foundation

/// Secrets Manager (JSON protocol 1.1). Our secrets hold JSON objects inside `SecretString`.
public struct SecretsManagerClient: Sendable {
    public let client: AWSServiceClient

    public init(configuration: AWSConfiguration) {
        client = AWSServiceClient(service: "secretsmanager", configuration: configuration)
    }

    /// The `SecretString` of the current version.
    public func getSecretString(id: String) async throws -> String {
        struct Input: Encodable { let SecretId: String }
        struct Output: Decodable { let SecretString: String? }
        let output = try await call("GetSecretValue", Input(SecretId: id), as: Output.self)
        guard let secret = output.SecretString else {
            throw AWSError.invalidResponse(
                operation: "GetSecretValue \(id)", endpoint: client.endpoint.description, reason: "the secret has no SecretString")
        }
        return secret
    }

    /// Decodes the JSON document held in `SecretString`. The error never quotes the secret's text.
    public func getSecretJSON<Value: Decodable>(id: String, as type: Value.Type) async throws -> Value {
        let text = try await getSecretString(id: id)
        do {
            return try JSONDecoder().decode(Value.self, from: Data(text.utf8))
        } catch {
            throw AWSError.invalidResponse(
                operation: "GetSecretValue \(id)", endpoint: client.endpoint.description,
                reason: "SecretString is not the expected JSON object")
        }
    }

    /// For tests and new environments.
    public func createSecret(name: String, secretString: String) async throws {
        struct Input: Encodable { let Name: String; let SecretString: String }
        _ = try await call("CreateSecret", Input(Name: name, SecretString: secretString), as: EmptyOutput.self)
    }

    func call<Output: Decodable>(_ operation: String, _ input: some Encodable, as: Output.Type) async throws -> Output {
        try await client.json(operation, targetPrefix: "secretsmanager", jsonVersion: "1.1", body: input, as: Output.self)
    }
}
