/// Every way the metastore module fails. Messages are one line and never contain a password.
public enum MetastoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No session: the server was not reached, refused us, or TLS could not be established.
    case connectionFailed(ConnectionFailure)
    /// A statement failed on an open session.
    case queryFailed(code: UInt32, message: String)
    /// The settings cannot be used (missing host, unreadable password file, malformed secret ...).
    case unusableInput(String)
    /// Secrets Manager could not be asked (network, credentials, no such secret): like an unreachable server.
    case secretUnavailable(String)

    public var description: String {
        switch self {
        case .connectionFailed(let failure): failure.description
        case .queryFailed(let code, let message): "query failed (MySQL error \(code)): \(message)"
        case .unusableInput(let message), .secretUnavailable(let message): message
        }
    }
}

/// Why a connection attempt failed, classified so operators can tell the causes apart.
public struct ConnectionFailure: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable {
        case unreachable
        case timedOut = "timed-out"
        /// 1045 (bad user or password) and 1044 (no rights on the database).
        case accessDenied = "access-denied"
        /// 1049.
        case unknownDatabase = "unknown-database"
        /// TLS was asked for but the server does not offer it (no plaintext fallback).
        case tlsRequired = "tls-required"
        /// The TLS handshake or certificate verification failed.
        case tlsFailed = "tls-failed"
        /// The server asked for an authentication plugin outside `AuthPlugins` (e.g. `mysql_clear_password`
        /// without TLS); refused before the password was sent.
        case authPluginRefused = "auth-plugin-refused"
        /// The server asked for an allowed plugin this client cannot load (the release carries only
        /// mysql_native_password and never loads a host's plugins).
        case authPluginMissing = "auth-plugin-missing"
        case other
    }

    public var kind: Kind
    /// The MySQL client or server error number (0 when the failure is ours, e.g. no cipher after connecting).
    public var code: UInt32
    public var message: String
    /// `host:port/database as user`.
    public var target: String

    public init(kind: Kind, code: UInt32, message: String, target: String) {
        self.kind = kind
        self.code = code
        self.message = message
        self.target = target
    }

    public var description: String {
        let number = code == 0 ? "" : " (MySQL error \(code))"
        return "\(kind.summary) \(target)\(number): \(message)"
    }
}

extension ConnectionFailure.Kind {
    var summary: String {
        switch self {
        case .unreachable: "cannot reach"
        case .timedOut: "timed out connecting to"
        case .accessDenied: "access denied at"
        case .unknownDatabase: "unknown database at"
        case .tlsRequired: "TLS required but not offered by"
        case .tlsFailed: "TLS failed with"
        case .authPluginRefused: "refused to authenticate to"
        case .authPluginMissing: "cannot authenticate to"
        case .other: "cannot connect to"
        }
    }

    /// What to do about it, one line.
    public var remedy: String {
        switch self {
        case .unreachable:
            "check host and port, that the server runs, and that security groups let this machine in"
        case .timedOut:
            "check network routes and security groups; the server did not answer in time"
        case .accessDenied:
            "check the user and password source (password file, environment, option file or secret)"
        case .unknownDatabase:
            "check --metastore-database; create the database empty, then initialise it with Hive 3 schematool"
        case .tlsRequired:
            "the server does not offer TLS: enable it on the server, or drop --metastore-tls if plaintext is acceptable"
        case .tlsFailed:
            "check the CA file (--metastore-tls-ca) and that the server certificate names this host"
        case .authPluginRefused:
            "a genuine metastore never asks for this: check that the host is the right server; use TLS "
                + "(--metastore-tls with the server's CA bundle) and an account with mysql_native_password"
        case .authPluginMissing:
            "this client lacks the plugin the server asked for (a release carries mysql_native_password only): "
                + "give the metastore user mysql_native_password"
        case .other:
            "see the MySQL error above"
        }
    }
}
