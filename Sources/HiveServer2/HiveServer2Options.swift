import Basics
import Thrift

/// How to reach and authenticate to one HiveServer2. Built from a JDBC URL plus the password file and CA the
/// caller read; the password is held here only, never printed (`description` leaves it out).
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
    /// The caller's password; nil: none, and `anonymous` is sent as Hive's JDBC driver does.
    public var password: String?
    /// A password goes out only over TLS unless this is set: SASL PLAIN and OpenSession carry it in clear.
    public var allowPlaintextPassword: Bool
    public var connectTimeout: Duration
    /// Upper bound for every call's answer (polling keeps each call short; long queries do not hit it).
    public var callTimeout: Duration
    /// How long a call in flight may still take once its task is cancelled (the answer keeps the stream in
    /// step, so CancelOperation can follow); past it the connection is closed. SASL negotiation never waits.
    public var cancelGrace: Duration
    /// Largest message accepted from the server; anything larger fails the connection. This bounds the memory
    /// of one call: rows are read from the reply's bytes one at a time, never all decoded at once.
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
                user: String = "anonymous", password: String? = nil, allowPlaintextPassword: Bool = false,
                connectTimeout: Duration = .seconds(10), callTimeout: Duration = .seconds(60),
                cancelGrace: Duration = .seconds(5), maxMessageBytes: Int = 64 << 20, limits: ThriftLimits = .default) {
        self.host = host
        self.port = port
        self.transport = transport
        self.tls = tls
        self.user = user
        self.password = password
        self.allowPlaintextPassword = allowPlaintextPassword
        self.connectTimeout = connectTimeout
        self.callTimeout = callTimeout
        self.cancelGrace = cancelGrace
        self.maxMessageBytes = maxMessageBytes
        self.limits = limits
    }

    /// From a parsed URL: host, port, `ssl=true`, `auth=noSasl`, `user=`; the password and CA come from the
    /// caller (a password file and a `ca` setting), never from the URL's text shown in plans (a `;password=`
    /// there is ignored; the planner refuses such a URL).
    public init(url: HiveJDBCURL, user: String? = nil, password: String? = nil, caFile: String? = nil,
                allowPlaintextPassword: Bool = false) {
        self.init(
            host: url.host, port: url.port,
            transport: url.usesNoSASL ? .noSASL(framed: false) : .saslPlain,
            tls: url.usesTLS ? TLS(caFile: caFile) : nil,
            // As Hive's JDBC driver: no user means "anonymous", and so does no password.
            user: user ?? url.user ?? "anonymous", password: password, allowPlaintextPassword: allowPlaintextPassword)
    }

    /// What SASL PLAIN and OpenSession send: the caller's password, or `anonymous` as Hive's JDBC driver does.
    public var sentPassword: String { password ?? "anonymous" }

    /// A password of the caller's would go out without TLS, and the caller did not allow that.
    public var refusesPlaintextPassword: Bool { password != nil && tls == nil && !allowPlaintextPassword }

    public var description: String {
        "\(host):\(port) user \(user) \(transport == .saslPlain ? "SASL PLAIN" : "NOSASL")\(tls == nil ? "" : " TLS")"
    }
}
