/// One source of credentials in the chain.
public protocol CredentialProvider: Sendable {
    /// Names the source in error messages, e.g. `environment`, `profile default`.
    var name: String { get }
    /// `nil` when this source is not configured (the chain goes on); throws when it is configured but broken.
    func credentials() async throws -> AWSCredentials?
}
