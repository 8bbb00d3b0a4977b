extension MariaDBConnection {
    /// Maps a failed `mysql_real_connect` onto the causes an operator acts on differently.
    static func classify(code: UInt32, message: String, config: ConnectionConfig, elapsed: Duration) -> ConnectionFailure {
        let lower = message.lowercased()
        let ranOutOfTime = elapsed >= .seconds(config.connectTimeoutSeconds) - .milliseconds(100)
        let kind: ConnectionFailure.Kind
        switch code {
        case 1045, 1044: kind = .accessDenied
        case 1049: kind = .unknownDatabase
        case 2026:
            // CR_SSL_CONNECTION_ERROR covers both "the server has no TLS" and "its certificate is not trusted".
            kind = lower.contains("not support") || lower.contains("server doesn't support") ? .tlsRequired : .tlsFailed
        case 2002, 2003, 2005, 2006, 2013:
            kind = ranOutOfTime || lower.contains("timed out") || lower.contains("(110)") ? .timedOut : .unreachable
        default:
            kind = lower.contains("ssl") || lower.contains("tls") ? .tlsFailed : .other
        }
        return ConnectionFailure(kind: kind, code: code, message: message, target: config.target)
    }
}
