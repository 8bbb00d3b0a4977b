/// Fixed credentials, e.g. for tests or credentials obtained elsewhere.
public struct StaticCredentialProvider: CredentialProvider {
    public let name = "static"
    public let value: AWSCredentials
    public init(_ value: AWSCredentials) { self.value = value }
    public func credentials() async throws -> AWSCredentials? { value }
}
