/// Where the Hive metastore database is, for the preflight. The password is never here: only where to read it.
public struct MetastoreSettings: Sendable, Hashable, Codable {
    public var host: String?
    public var port: Int?
    public var database: String?
    public var user: String?
    public var passwordFile: String?
    public var passwordEnvironment: String?
    public var optionFile: String?
    public var secretID: String?
    public var tls: Bool
    public var tlsCA: String?

    public init(host: String? = nil, port: Int? = nil, database: String? = nil, user: String? = nil, passwordFile: String? = nil, passwordEnvironment: String? = nil, optionFile: String? = nil, secretID: String? = nil, tls: Bool = false, tlsCA: String? = nil) {
        self.host = host
        self.port = port
        self.database = database
        self.user = user
        self.passwordFile = passwordFile
        self.passwordEnvironment = passwordEnvironment
        self.optionFile = optionFile
        self.secretID = secretID
        self.tls = tls
        self.tlsCA = tlsCA
    }
}
