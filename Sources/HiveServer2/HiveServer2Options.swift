import Thrift

/// How to reach and authenticate to one HiveServer2. Built from a JDBC URL plus the password file and CA the
/// caller read; the password is held here only, never printed (`description` masks it).
public struct HiveServer2Options: Sendable, CustomStringConvertible {
    public enum Transport: Sendable, Equatable {
        /// SASL PLAIN: authentication NONE (any password) and LDAP (checked). HiveServer2's default.
        case saslPlain
        /// hive.server2.authentication=NOSASL: raw Thrift, framed or not.
        case noSASL(framed: Bool)
    }

    public var host: String
    public var port: Int
    public var transport: Transport
    /// TLS when set: the CA file (PEM) to trust, or nil for the system's roots.
    public var tls: TLS?
    public var user: String
    public var password: String
    public var connectTimeout: Duration
    /// Upper bound for every call's answer (polling keeps each call short; long queries do not hit it).
    public var callTimeout: Duration
    /// Largest message accepted from the server; anything larger fails the connection.
    public var maxMessageBytes: Int
    public var limits: ThriftLimits

    public struct TLS: Sendable, Equatable {
        public var caFile: String?
        /// Checked against the certificate; defaults to the host.
        public var serverName: String?
        public init(caFile: String? = nil, serverName: String? = nil) {
            self.caFile = caFile
            self.serverName = serverName
        }
    }

    public init(host: String, port: Int, transport: Transport = .saslPlain, tls: TLS? = nil,
                user: String = "anonymous", password: String = "anonymous",
                connectTimeout: Duration = .seconds(10), callTimeout: Duration = .seconds(60),
                maxMessageBytes: Int = 64 << 20, limits: ThriftLimits = .default) {
        self.host = host
        self.port = port
        self.transport = transport
        self.tls = tls
        self.user = user
        self.password = password
        self.connectTimeout = connectTimeout
        self.callTimeout = callTimeout
        self.maxMessageBytes = maxMessageBytes
        self.limits = limits
    }

    /// From a parsed URL: host, port, `ssl=true`, `auth=noSasl`, `user=`; the password and CA come from the
    /// caller (a password file and a `ca` setting), never from the URL's text shown in plans.
    public init(url: HiveJDBCURL, user: String? = nil, password: String? = nil, caFile: String? = nil) {
        self.init(
            host: url.host, port: url.port,
            transport: url.usesNoSASL ? .noSASL(framed: false) : .saslPlain,
            tls: url.usesTLS ? TLS(caFile: caFile) : nil,
            // As Hive's JDBC driver: no user means "anonymous", and so does no password.
            user: user ?? url.user ?? "anonymous",
            password: password ?? url.sessionVariables["password"] ?? "anonymous")
    }

    public var description: String {
        "\(host):\(port) user \(user) \(transport == .saslPlain ? "SASL PLAIN" : "NOSASL")\(tls == nil ? "" : " TLS")"
    }
}
