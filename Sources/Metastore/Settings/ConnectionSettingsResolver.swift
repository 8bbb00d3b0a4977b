import Foundation
import PipelinePlan

/// Turns layered `MetastoreSettings` into a `ConnectionConfig`, reading the password from exactly one source.
/// Password sources, first configured wins: password file, environment variable, Secrets Manager secret,
/// `[client]` option file. Host, port, user and database fall back to the secret, then the option file.
public struct ConnectionSettingsResolver: Sendable {
    /// The CA bundle TLS uses when the settings name none.
    public static let systemCABundle = "/etc/ssl/certs/ca-certificates.crt"

    public var environment: [String: String]
    public var secrets: (any SecretSource)?
    public var readFile: @Sendable (String) throws -> String

    public init(
        environment: [String: String], secrets: (any SecretSource)? = nil,
        readFile: @escaping @Sendable (String) throws -> String = { try String(contentsOfFile: $0, encoding: .utf8) }
    ) {
        self.environment = environment
        self.secrets = secrets
        self.readFile = readFile
    }

    /// Where the password was found, for the report (never the password).
    public enum PasswordSource: Sendable, Hashable, CustomStringConvertible {
        case file(String), environment(String), secret(String), optionFile(String)

        public var description: String {
            switch self {
            case .file(let path): "password file \(path)"
            case .environment(let name): "environment variable \(name)"
            case .secret(let id): "secret \(id)"
            case .optionFile(let path): "option file \(path)"
            }
        }
    }

    public func resolve(
        _ settings: MetastoreSettings, connectTimeoutSeconds: Int = 5, readTimeoutSeconds: Int = 10
    ) async throws(MetastoreError) -> (ConnectionConfig, PasswordSource) {
        let options = try settings.optionFile.map { path throws(MetastoreError) in
            try OptionFile.parse(try read(path, what: "option file"), path: path)
        }
        var secret: MetastoreSecret?
        if let id = settings.secretID {
            secret = try await fetchSecret(id)
        }

        let (password, source) = try password(settings, secret: secret, options: options)
        guard let host = settings.host ?? secret?.host ?? options?.host else {
            throw .unusableInput("no metastore host: give --metastore-host, \(MetastoreSettings.Variable.host) or `metastore { host }`")
        }
        guard let database = settings.database ?? secret?.database ?? options?.database else {
            throw .unusableInput(
                "no metastore database: give --metastore-database, \(MetastoreSettings.Variable.database) or `metastore { database }`")
        }
        guard let user = settings.user ?? secret?.username ?? options?.user else {
            throw .unusableInput("no metastore user: give --metastore-user, \(MetastoreSettings.Variable.user) or `metastore { user }`")
        }
        let port = settings.port ?? secret?.port ?? options?.port ?? 3306
        var tls = ConnectionConfig.TLS.disabled
        if settings.tls {
            // libmariadb needs a CA to verify the server; without one, use the system bundle.
            let ca = settings.tlsCA ?? Self.systemCABundle
            guard FileManager.default.isReadableFile(atPath: ca) else {
                throw .unusableInput("TLS CA file \(ca) is not readable: give --metastore-tls-ca")
            }
            tls = .required(caFile: ca)
        }
        let config = ConnectionConfig(
            host: host, port: port, database: database, user: user, password: password, tls: tls,
            connectTimeoutSeconds: connectTimeoutSeconds, readTimeoutSeconds: readTimeoutSeconds)
        return (config, source)
    }

    private func password(
        _ settings: MetastoreSettings, secret: MetastoreSecret?, options: OptionFile?
    ) throws(MetastoreError) -> (Password, PasswordSource) {
        if let path = settings.passwordFile {
            var text = try read(path, what: "password file")
            // Only the line break an editor adds: spaces may belong to the password.
            while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
            guard !text.isEmpty else { throw .unusableInput("password file \(path) is empty") }
            return (Password(text), .file(path))
        }
        if let name = settings.passwordEnvironment {
            guard let value = environment[name], !value.isEmpty else {
                throw .unusableInput("environment variable \(name) (the metastore password) is not set")
            }
            return (Password(value), .environment(name))
        }
        if let value = environment[MetastoreSettings.Variable.password], !value.isEmpty {
            return (Password(value), .environment(MetastoreSettings.Variable.password))
        }
        if let secret, let id = settings.secretID { return (secret.password, .secret(id)) }
        if let password = options?.password, let path = settings.optionFile { return (password, .optionFile(path)) }
        throw .unusableInput(
            "no metastore password source: give --metastore-password-file, --metastore-secret-id, an option file "
                + "with a [client] password, or set \(MetastoreSettings.Variable.password)")
    }

    private func fetchSecret(_ id: String) async throws(MetastoreError) -> MetastoreSecret {
        guard let secrets else {
            throw .unusableInput("--metastore-secret-id needs AWS Secrets Manager, which this build cannot reach")
        }
        let json: String
        do {
            json = try await secrets.secretString(id: id)
        } catch {
            throw .secretUnavailable("cannot read secret \(id): \(error)")
        }
        return try MetastoreSecret.parse(json, secretID: id)
    }

    private func read(_ path: String, what: String) throws(MetastoreError) -> String {
        do {
            return try readFile(path)
        } catch {
            throw .unusableInput("cannot read \(what) \(path): \((error as NSError).localizedDescription)")
        }
    }
}
