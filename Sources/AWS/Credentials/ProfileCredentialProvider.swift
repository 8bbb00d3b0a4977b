/// Credentials from the shared files for `AWS_PROFILE`.
public struct ProfileCredentialProvider: CredentialProvider {
    public let files: SharedConfigFiles
    public var name: String { "profile \(files.profile)" }

    public init(environment: [String: String]) { files = SharedConfigFiles(environment: environment) }

    public func credentials() async throws -> AWSCredentials? {
        guard let values = try files.profileValues() else {
            if files.profileIsExplicit {
                throw AWSError.credentialsFile(
                    path: files.credentialsPath, reason: "profile '\(files.profile)' (AWS_PROFILE) not found here nor in \(files.configPath)")
            }
            return nil
        }
        guard let key = values["aws_access_key_id"], let secret = values["aws_secret_access_key"] else {
            if files.profileIsExplicit {
                throw AWSError.credentialsFile(
                    path: files.credentialsPath, reason: "profile '\(files.profile)' has no aws_access_key_id/aws_secret_access_key")
            }
            return nil
        }
        return AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: values["aws_session_token"])
    }
}
