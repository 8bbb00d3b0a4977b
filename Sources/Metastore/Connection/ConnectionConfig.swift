/// Everything libmariadb needs to open one session. Built by `ConnectionSettingsResolver`.
public struct ConnectionConfig: Sendable, Hashable {
    public enum TLS: Sendable, Hashable {
        case disabled
        /// ENFORCE + VERIFY_SERVER_CERT against this CA file; a cipher must be in use after connecting.
        case required(caFile: String)
    }

    public var host: String
    public var port: Int
    public var database: String
    public var user: String
    public var password: Password?
    public var tls: TLS
    public var connectTimeoutSeconds: Int
    public var readTimeoutSeconds: Int
    /// Sets the session READ ONLY so that a preflight can never write to the metastore.
    public var readOnly: Bool

    public init(
        host: String, port: Int = 3306, database: String, user: String, password: Password?, tls: TLS = .disabled,
        connectTimeoutSeconds: Int = 5, readTimeoutSeconds: Int = 10, readOnly: Bool = true
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.user = user
        self.password = password
        self.tls = tls
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.readTimeoutSeconds = readTimeoutSeconds
        self.readOnly = readOnly
    }

    /// `host:port/database as user`, for messages.
    public var target: String { "\(host):\(port)/\(database) as \(user)" }
}
