/// A HiveServer2 JDBC URL as beeline takes it:
/// `jdbc:hive2://host:port/db;sessionVar=value;...?hiveconf=value;...#hivevar=value;...`.
/// Only what a direct binary-transport connection needs is interpreted; ZooKeeper discovery, HTTP transport and
/// Kerberos (`principal=`) are refused with a clear reason rather than silently ignored. Shared by the planner
/// (which refuses a bad URL at plan time) and the native client, so both read a URL the same way.
/// A URL is shown in plans and logs: errors never quote a part that may hold a credential.
public struct HiveJDBCURL: Sendable, Hashable {
    public var host: String
    public var port: Int
    /// The initial database (`default` when the path is empty).
    public var database: String
    /// Session variables after `;`, keys as written (`ssl`, `auth`, `user`, ...).
    public var sessionVariables: [String: String]
    /// `?a=b;c=d`: sent as `set:hiveconf:a` in OpenSession.
    public var hiveConf: [String: String]
    /// `#a=b`: sent as `set:hivevar:a` in OpenSession.
    public var hiveVariables: [String: String]

    public static let defaultPort = 10000

    public enum ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        case notHive2
        case badHostPort(String)
        case unsupported(String)
        /// `user:password@host`: JDBC URLs have no user info, and a password must not be in a URL.
        case userInfo

        public var description: String {
            switch self {
            case .notHive2: "not a jdbc:hive2:// URL"
            case let .badHostPort(text): "bad host:port '\(text)' in JDBC URL"
            case .userInfo: "JDBC URL has user info (user:password@host): put the user in `user` and the password in a password file"
            case let .unsupported(what): "JDBC URL uses \(what), which the hiveserver2 engine does not support (use beeline)"
            }
        }
    }

    public init(parsing url: String) throws(ParseError) {
        let prefix = "jdbc:hive2://"
        guard url.lowercased().hasPrefix(prefix) else { throw .notHive2 }
        var rest = Substring(url.dropFirst(prefix.count))
        var hivevarPart = ""
        if let hash = rest.firstIndex(of: "#") {
            hivevarPart = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        var confPart = ""
        if let question = rest.firstIndex(of: "?") {
            confPart = String(rest[rest.index(after: question)...])
            rest = rest[..<question]
        }
        let sessionParts = rest.split(separator: ";", omittingEmptySubsequences: true)
        let authority = sessionParts.first.map(String.init) ?? ""
        let hostPortAndDB = authority.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let hostPort = hostPortAndDB.first.map(String.init) ?? ""
        let db = hostPortAndDB.count > 1 ? String(hostPortAndDB[1]) : ""
        guard !hostPort.contains("@") else { throw .userInfo }
        guard !hostPort.contains(",") else { throw .unsupported("several hosts (ZooKeeper discovery)") }
        (host, port) = try Self.hostPort(hostPort)
        database = db.isEmpty ? "default" : db
        sessionVariables = Self.pairs(sessionParts.dropFirst().joined(separator: ";"))
        hiveConf = Self.pairs(confPart)
        hiveVariables = Self.pairs(hivevarPart)
        if let mode = sessionVariables["transportMode"], mode.lowercased() != "binary" {
            throw .unsupported("transportMode=\(mode)")
        }
        if sessionVariables["principal"] != nil { throw .unsupported("Kerberos (principal=)") }
        if sessionVariables["serviceDiscoveryMode"] != nil { throw .unsupported("serviceDiscoveryMode") }
    }

    /// `ssl=true` (beeline also accepts `useSSL`).
    public var usesTLS: Bool {
        (sessionVariables["ssl"] ?? sessionVariables["useSSL"]).flatMap(BooleanWord.parse) == true
    }

    /// `auth=noSasl`: the server runs with hive.server2.authentication=NOSASL.
    public var usesNoSASL: Bool { sessionVariables["auth"]?.lowercased() == "nosasl" }

    public var user: String? { sessionVariables["user"] }

    /// The session variable that holds a password (`;password=`, `;trustStorePassword=`...), if any: the native
    /// client never takes a password from the URL, which plans and logs show.
    public var passwordVariable: String? {
        sessionVariables.keys.sorted().first { $0.lowercased().contains("password") }
    }

    private static func hostPort(_ text: String) throws(ParseError) -> (String, Int) {
        if text.isEmpty { throw .badHostPort(text) }
        // [ipv6]:port, or host:port, or host alone.
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw .badHostPort(text) }
            let host = String(text[text.index(after: text.startIndex)..<close])
            let after = text[text.index(after: close)...]
            if after.isEmpty { return (host, defaultPort) }
            guard after.hasPrefix(":"), let port = PortNumber.parse(after.dropFirst()) else {
                throw .badHostPort(text)
            }
            return (host, port)
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, !parts[0].isEmpty else { throw .badHostPort(text) }
        if parts.count == 1 { return (String(parts[0]), defaultPort) }
        guard let port = PortNumber.parse(parts[1]) else { throw .badHostPort(text) }
        return (String(parts[0]), port)
    }

    private static func pairs(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for item in text.split(separator: ";") {
            let kv = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = kv[0].trimmingWhitespace()
            guard !key.isEmpty else { continue }
            result[key] = kv.count > 1 ? String(kv[1]) : ""
        }
        return result
    }
}

extension Substring {
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
